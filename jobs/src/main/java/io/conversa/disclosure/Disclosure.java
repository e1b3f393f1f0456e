package io.conversa.disclosure;

import io.conversa.disclosure.Certifier.Requirement;
import io.conversa.disclosure.WitnessProgram.Group;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Disclosure control of one client's gold: what to withhold ({@link #release}) and whether what
 * is published gives any withheld figure away ({@link #audit}). Both rest on the same proof: a
 * witness for every figure of every sensitive group ({@link Certifier}).
 *
 * <p>The release withholds, before anything else, every family of figures from fewer than k
 * people (the primary rule). Then, sensitive group by sensitive group, months before weeks before
 * days, it looks for witnesses; where one is missing it withholds the cheapest published groups
 * that let one exist ({@link WitnessProgram.Mode#PROTECT}), a number's and a category's totals
 * before a template's rows, and those before a campaign's, which are what an agency sells.
 * Withholding more never invalidates a witness found earlier, so one pass decides.
 */
public final class Disclosure {
  /** What a release decided. */
  public record Decision(boolean[][] withheld, int primaryGroups, int complementaryGroups, List<Finding> unprotected, long programmes) {}

  /** A figure of a sensitive group that no witness leaves uncertain enough. */
  public record Finding(GoldRow row, String family, String figure, double value, double width) {
    @Override
    public String toString() {
      return row + " " + family + "." + figure + " (needs " + width + ")";
    }
  }

  private Disclosure() {}

  /** Decides which groups of {@code model} to withhold at {@code k}. */
  public static Decision release(ClientModel model, int k, WitnessProgram.Costs costs) {
    boolean[][] withheld = status(model, true);
    int primary = targets(model).size();
    Certifier certifier = new Certifier(model, k, withheld, costs);
    List<Finding> unprotected = new ArrayList<>();
    for (List<Requirement> block : blocks(model, certifier)) {
      // One pair of witnesses for every sensitive group near one another first, varying only
      // their families' own quantities; a group they leave out gets its own pair with every
      // tied quantity, then withholds what its figures need, one figure at a time, its anchor
      // first (what protects the count usually protects its splits).
      java.util.Map<Group, List<Requirement>> left = new java.util.LinkedHashMap<>();
      for (Requirement requirement : certifier.jointlyUncertified(block, certifier.near(block.get(0).group()), false, false)) {
        left.computeIfAbsent(requirement.group(), g -> new ArrayList<>()).add(requirement);
      }
      for (var group : left.entrySet()) {
        int[] near = certifier.near(group.getKey());
        List<Requirement> needs = certifier.jointlyUncertified(group.getValue(), near, true, true);
        if (needs.isEmpty() || certifier.protectTogether(needs) != null) {
          continue;
        }
        // No one witness for the whole group: one figure at a time, its anchor first.
        while (!needs.isEmpty()) {
          Requirement first = needs.stream().filter(r -> r.measure() != null && r.measure().protection() == Protection.AT_LEAST_K)
              .findFirst().orElse(needs.get(0));
          if (certifier.protect(first) == null) {
            unprotected.add(finding(model, first));
          }
          List<Requirement> rest = new ArrayList<>(needs);
          rest.remove(first);
          needs = certifier.jointlyUncertified(rest, near, true);
        }
      }
    }
    int complementary = count(withheld) - count(status(model, true));
    return new Decision(withheld, primary, complementary, unprotected, certifier.programmes());
  }

  /** Every figure of a sensitive withheld group of {@code model} that no witness protects. */
  public static List<Finding> audit(ClientModel model, int k) {
    boolean[][] withheld = status(model, false);
    Certifier certifier = new Certifier(model, k, withheld, (row, family) -> 1);
    List<Finding> findings = new ArrayList<>();
    for (List<Requirement> block : blocks(model, certifier)) {
      for (Requirement requirement : certifier.jointlyUncertified(block, certifier.near(block.get(0).group()), true)) {
        if (!certifier.uncertified(List.of(requirement)).isEmpty()) {
          findings.add(finding(model, requirement));
        }
      }
    }
    return findings;
  }

  /**
   * The requirements of the sensitive groups, in blocks that share a space and a nearest
   * neighbourhood (a day's week, a week's months, a month in whole weeks), coarse periods first.
   */
  private static List<List<Requirement>> blocks(ClientModel model, Certifier certifier) {
    java.util.Map<String, List<Requirement>> blocks = new java.util.LinkedHashMap<>();
    for (Group group : targets(model)) {
      GoldRow row = model.row(group.row());
      int[] days = certifier.neighbourhoods(row).get(0);
      String key = row.families().get(group.family()).space() + "/" + row.period() + "/" + days[0] + "/" + days[1];
      blocks.computeIfAbsent(key, k -> new ArrayList<>()).addAll(certifier.requirements(group));
    }
    return blocks.values().stream().filter(b -> !b.isEmpty()).toList();
  }

  /** Sensitive withheld groups this run decides, coarse periods first (they free the finer ones). */
  private static List<Group> targets(ClientModel model) {
    List<Group> groups = new ArrayList<>();
    for (int r = 0; r < model.rows().size(); r++) {
      GoldRow row = model.row(r);
      for (int f = 0; f < row.families().size(); f++) {
        RowFamily family = row.families().get(f);
        if (!row.fixed() && family.sensitive() && family.withheld() && family.space() != null) {
          groups.add(new Group(r, f));
        }
      }
    }
    groups.sort(Comparator.comparingInt((Group g) -> -periodRank(model.row(g.row()).period()))
        .thenComparingInt(g -> model.row(g.row()).firstDay())
        .thenComparingInt(Group::row));
    return groups;
  }

  private static int periodRank(String period) {
    return switch (period) {
      case "day" -> 0;
      case "week" -> 1;
      default -> 2;
    };
  }

  /** The families' status: as given ({@code asGiven}), or with every sensitive one withheld too. */
  private static boolean[][] status(ClientModel model, boolean primary) {
    boolean[][] withheld = new boolean[model.rows().size()][];
    for (int r = 0; r < withheld.length; r++) {
      List<RowFamily> families = model.row(r).families();
      withheld[r] = new boolean[families.size()];
      for (int f = 0; f < families.size(); f++) {
        withheld[r][f] = families.get(f).withheld() || primary && families.get(f).sensitive() && !model.row(r).fixed();
      }
    }
    return withheld;
  }

  private static int count(boolean[][] withheld) {
    int n = 0;
    for (boolean[] row : withheld) {
      for (boolean w : row) {
        n += w ? 1 : 0;
      }
    }
    return n;
  }

  private static Finding finding(ClientModel model, Requirement requirement) {
    GoldRow row = model.row(requirement.group().row());
    return new Finding(row, row.families().get(requirement.group().family()).name(), requirement.name(), requirement.value(),
        requirement.width());
  }
}

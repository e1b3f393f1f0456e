package io.conversa.disclosure;

import io.conversa.disclosure.WitnessProgram.Group;
import io.conversa.disclosure.WitnessProgram.Mode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Proves, figure by figure, that a withheld sensitive group of a client's gold stays protected:
 * for each of its figures a witness ({@link WitnessProgram}) whose value differs from the truth by
 * the figure's {@link Protection} width. Witnesses are looked for near the figure first (the
 * days of its week, or the months of its week, or its month and the weeks it touches) and then
 * a little further; what has no witness is returned, for the release to withhold more
 * ({@link #protect}) or the audit to report.
 */
final class Certifier {
  /** One figure of a group that must stay uncertain by {@code width}. */
  record Requirement(Group group, RowMeasure measure, RowPeople people, double value, double width, double lowest) {
    String name() {
      return measure != null ? measure.column() : people.column();
    }

    /** The same requirement, its lowest witness known to be at most {@code lower}. */
    Requirement reaching(double lower) {
      return new Requirement(group, measure, people, value, width, Math.min(lowest, lower));
    }
  }

  private static final double CERTAIN = 1 - 1e-6;

  /**
   * Which way a witness moves a group's figures from the truth: all up, all down, or mixed: the
   * count of events (sent, converted) up by k and every split of it (delivered, read, cost) and
   * the people down to nothing. The mixed witness exists in every atom (nothing is more than what
   * it splits), so one mixed witness and the truth prove a whole group at once.
   */
  enum Direction {
    UP, DOWN, MIXED;

    boolean up(Requirement requirement) {
      return this == UP || this == MIXED && requirement.measure() != null && requirement.measure().protection() == Protection.AT_LEAST_K;
    }
  }
  private final ClientModel model;
  private final int k;
  private final boolean[][] withheld;
  private final WitnessProgram.Costs costs;
  private long programmes;

  Certifier(ClientModel model, int k, boolean[][] withheld, WitnessProgram.Costs costs) {
    this.model = model;
    this.k = k;
    this.withheld = withheld;
    this.costs = costs;
  }

  long programmes() {
    return programmes;
  }

  /** What a sensitive group's figures need: every additive measure and its people, by their protection. */
  List<Requirement> requirements(Group group) {
    GoldRow row = model.row(group.row());
    RowFamily family = row.families().get(group.family());
    List<Requirement> out = new ArrayList<>();
    if (family.space() == null) {
      return out;
    }
    for (RowMeasure measure : family.measures()) {
      // A reader of gold does not know a withheld value; the atoms do.
      double value = Double.isNaN(measure.value())
          ? model.sum(family.space(), model.atomsOf(group.row(), group.family()), model.space(family.space()).quantity(measure.quantity()))
          : measure.value();
      double width = measure.protection().width(value, k);
      if (width > 0) {
        out.add(new Requirement(group, measure, null, value, width, value));
      }
    }
    RowPeople people = family.people();
    if (people != null && people.bound() != null) {
      double width = Protection.AT_LEAST_VALUE.width(people.value(), k);
      if (width > 0) {
        out.add(new Requirement(group, null, people, people.value(), width, people.value()));
      }
    }
    return out;
  }

  /**
   * The requirements of one group that no witness meets, near it or a little further: for each
   * neighbourhood, how far every figure can move up together and how far down.
   */
  List<Requirement> uncertified(List<Requirement> requirements) {
    List<Requirement> left = requirements;
    for (int[] days : neighbourhoods(model.row(requirements.isEmpty() ? 0 : requirements.get(0).group().row()))) {
      if (left.isEmpty()) {
        break;
      }
      left = jointlyUncertified(left, days, true);
    }
    return left;
  }

  /** The nearest neighbourhood of a group: where its witnesses are looked for first. */
  int[] near(Group group) {
    return neighbourhoods(model.row(group.row())).get(0);
  }

  /**
   * The requirements (of one or more groups of one atom space) that two witnesses over {@code
   * days} do not meet: one moving every figure as far up as it can, capped at its width, one
   * moving them down. A figure that moves up by a share u of its width in one and down by d in
   * the other has a reader's interval of at least (u + d)·width.
   */
  List<Requirement> jointlyUncertified(List<Requirement> requirements, int[] days, boolean wide) {
    return jointlyUncertified(requirements, days, wide, true);
  }

  /** @param pairs after the mixed witness, try an up and a down one for what it leaves */
  List<Requirement> jointlyUncertified(List<Requirement> requirements, int[] days, boolean wide, boolean pairs) {
    if (requirements.isEmpty()) {
      return requirements;
    }
    List<Group> groups = requirements.stream().map(Requirement::group).distinct().toList();
    String space = model.row(groups.get(0).row()).families().get(groups.get(0).family()).space();
    java.util.Set<String> quantities = WitnessProgram.quantities(model, groups, wide);
    List<Requirement> unproven = requirements;
    for (Direction direction : new Direction[] {Direction.UP, Direction.MIXED}) {
      double[] reached = jointly(unproven, space, quantities, days, direction);
      List<Requirement> still = new ArrayList<>();
      for (int i = 0; i < unproven.size(); i++) {
        if (reached[i] < CERTAIN) {
          still.add(unproven.get(i));
        }
      }
      unproven = still;
      if (unproven.isEmpty()) {
        return unproven;
      }
    }
    if (unproven.isEmpty() || !pairs) {
      return unproven;
    }
    requirements = unproven;
    double[] up = jointly(requirements, space, quantities, days, Direction.UP);
    double[] down = jointly(requirements, space, quantities, days, Direction.DOWN);
    List<Requirement> left = new ArrayList<>();
    for (int i = 0; i < requirements.size(); i++) {
      if (up[i] + down[i] < CERTAIN) {
        Requirement requirement = requirements.get(i);
        // Moving together, one figure's room is another's limit (three days under a published
        // week: each can take the week's room, not all at once). Alone, its own two witnesses
        // are a reader's exact interval within these days.
        double[] alone = {jointly(List.of(requirement), space, quantities, days, Direction.UP)[0],
            jointly(List.of(requirement), space, quantities, days, Direction.DOWN)[0]};
        if (alone[0] + alone[1] < CERTAIN) {
          left.add(requirement.reaching(requirement.value() - Math.max(down[i], alone[1]) * requirement.width()));
        }
      }
    }
    return left;
  }

  /**
   * Withholds the cheapest groups that give every requirement of one group a single mixed
   * witness (its counts up by k, its splits and people down to nothing); the groups given up, or
   * null when there is none (the figures that would have to go were fixed by an earlier release).
   */
  Set<Group> protectTogether(List<Requirement> requirements) {
    Group group = requirements.get(0).group();
    String space = model.row(group.row()).families().get(group.family()).space();
    java.util.Set<String> quantities = WitnessProgram.quantities(model, List.of(group), true);
    for (int[] days : neighbourhoods(model.row(group.row()))) {
      Set<Group> cheapest = null;
      double lowest = Double.POSITIVE_INFINITY;
      for (Direction direction : new Direction[] {Direction.UP, Direction.MIXED}) {
        WitnessProgram program = new WitnessProgram(model, withheld, space, quantities, days[0], days[1], Mode.PROTECT, costs);
        boolean complete = true;
        for (Requirement requirement : requirements) {
          int[] expression = expression(program, requirement);
          if (expression == null) {
            complete = false;
            break;
          }
          if (direction.up(requirement)) {
            double from = requirement.measure() != null && requirement.measure().protection() == Protection.AT_LEAST_K
                ? requirement.lowest() : requirement.value();
            program.lp.row(expression, ones(expression.length), from + requirement.width(), Double.POSITIVE_INFINITY);
          } else {
            program.lp.row(expression, ones(expression.length), Double.NEGATIVE_INFINITY, requirement.value() - requirement.width());
          }
        }
        if (!complete) {
          continue;
        }
        programmes++;
        double[] solution = program.lp.minimise();
        if (solution != null && program.lp.value(solution) < lowest) {
          lowest = program.lp.value(solution);
          cheapest = program.givenUp(solution);
        }
      }
      if (cheapest != null) {
        for (Group given : cheapest) {
          withheld[given.row()][given.family()] = true;
        }
        return cheapest;
      }
    }
    return null;
  }

  /**
   * Withholds the cheapest groups that give {@code requirement} a witness; the groups given up,
   * or null when none can (the figures that would have to go were fixed by an earlier release).
   */
  Set<Group> protect(Requirement requirement) {
    Group group = requirement.group();
    String space = model.row(group.row()).families().get(group.family()).space();
    java.util.Set<String> quantities = WitnessProgram.quantities(model, List.of(group), true);
    for (int[] days : neighbourhoods(model.row(group.row()))) {
      WitnessProgram program = new WitnessProgram(model, withheld, space, quantities, days[0], days[1], Mode.PROTECT, costs);
      int[] expression = expression(program, requirement);
      if (expression == null) {
        continue;
      }
      // The lowest witness found stays one: withholding more only widens what a reader allows.
      program.lp.row(expression, ones(expression.length), requirement.lowest() + requirement.width(), Double.POSITIVE_INFINITY);
      programmes++;
      double[] solution = program.lp.minimise();
      if (solution != null) {
        Set<Group> givenUp = program.givenUp(solution);
        for (Group given : givenUp) {
          withheld[given.row()][given.family()] = true;
        }
        return givenUp;
      }
    }
    return null;
  }

  /**
   * One programme for all requirements at once: how far can each figure move up (or down) from
   * its true value in one witness, as a share of its width, capped at 1? Zeros when the solver
   * gives no answer.
   */
  private double[] jointly(List<Requirement> requirements, String space, java.util.Set<String> quantities, int[] days, Direction direction) {
    double[] reached = new double[requirements.size()];
    WitnessProgram program = new WitnessProgram(model, withheld, space, quantities, days[0], days[1], Mode.CERTIFY, costs);
    int[] shares = new int[requirements.size()];
    for (int i = 0; i < requirements.size(); i++) {
      Requirement requirement = requirements.get(i);
      int[] expression = expression(program, requirement);
      shares[i] = program.lp.variable(0, 1);
      program.lp.objective(shares[i], 1);
      if (expression == null) {
        program.lp.row(new int[] {shares[i]}, new double[] {1}, 0, 0);
        continue;
      }
      // up: Σ − width·share ≥ value; down: Σ + width·share ≤ value
      boolean up = direction.up(requirement);
      int[] vars = java.util.Arrays.copyOf(expression, expression.length + 1);
      double[] coefficients = ones(vars.length);
      vars[expression.length] = shares[i];
      coefficients[expression.length] = up ? -requirement.width() : requirement.width();
      program.lp.row(vars, coefficients, up ? requirement.value() : Double.NEGATIVE_INFINITY,
          up ? Double.POSITIVE_INFINITY : requirement.value());
    }
    programmes++;
    double[] solution = program.lp.maximise();
    if (solution != null) {
      for (int i = 0; i < shares.length; i++) {
        reached[i] = solution[shares[i]];
      }
    }
    return reached;
  }

  /** The variables whose sum is the requirement's figure in this programme; null when it has none. */
  private static int[] expression(WitnessProgram program, Requirement requirement) {
    if (requirement.measure() != null) {
      int[] vars = program.sumOf(requirement.group(), requirement.measure());
      return vars.length == 0 ? null : vars;
    }
    int people = program.peopleOf(requirement.group());
    return people < 0 ? null : new int[] {people};
  }

  /**
   * Where witnesses are looked for, nearest first, as [first, last] epoch days: a day's ISO week
   * (then the months it touches); a week itself (then its months in whole weeks); a month itself
   * (then in whole weeks).
   */
  List<int[]> neighbourhoods(GoldRow row) {
    LocalDate first = LocalDate.ofEpochDay(row.firstDay());
    LocalDate last = LocalDate.ofEpochDay(row.lastDay());
    List<LocalDate[]> ranges = switch (row.period()) {
      case "day" -> List.of(week(first), months(week(first)[0], week(first)[1]));
      case "week" -> List.of(new LocalDate[] {first, last}, weeks(months(first, last)));
      default -> List.of(new LocalDate[] {first, last}, weeks(new LocalDate[] {first, last}));
    };
    List<int[]> out = new ArrayList<>();
    for (LocalDate[] range : ranges) {
      int from = (int) Math.max(range[0].toEpochDay(), model.completeFrom());
      out.add(new int[] {from, (int) range[1].toEpochDay()});
    }
    return out;
  }

  private static LocalDate[] week(LocalDate day) {
    LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return new LocalDate[] {monday, monday.plusDays(6)};
  }

  private static LocalDate[] months(LocalDate first, LocalDate last) {
    return new LocalDate[] {first.withDayOfMonth(1), last.with(TemporalAdjusters.lastDayOfMonth())};
  }

  private static LocalDate[] weeks(LocalDate[] range) {
    return new LocalDate[] {week(range[0])[0], week(range[1])[1]};
  }

  private static double[] ones(int n) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, 1);
    return out;
  }
}

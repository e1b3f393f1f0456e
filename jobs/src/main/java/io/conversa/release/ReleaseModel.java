package io.conversa.release;

import io.conversa.disclosure.CellKey;
import io.conversa.disclosure.Figure;
import io.conversa.disclosure.Protection;
import io.conversa.disclosure.Relation;
import io.conversa.disclosure.Release;
import io.conversa.disclosure.ReleaseBuilder;
import io.conversa.disclosure.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One client's gold rows as a {@link Release}: every figure that adds up across rows, and the
 * relations a reader of gold knows between them. A week and a month are the sums of their days;
 * a period's campaigns add up to its numbers, and a campaign's templates to the campaign; a
 * number's pricing categories add up to its sent
 * messages; no message converts that was not delivered, and no ad conversation converts that did
 * not start. Figures that add up to nothing (people, medians, percentiles) are not in it: no
 * subtraction reaches them, and they follow their family's status.
 */
public final class ReleaseModel {
  private final Release release;
  private final Map<GoldCell, Map<String, Integer>> figureIds;

  private ReleaseModel(Release release, Map<GoldCell, Map<String, Integer>> figureIds) {
    this.release = release;
    this.figureIds = figureIds;
  }

  /** @param cells the rows of one client (relations never cross clients) */
  public static ReleaseModel of(List<GoldCell> cells) {
    return build(cells, RelationsOfGold::addAll);
  }

  /**
   * A client's templates beside the campaign rows they add up to, whose release is already
   * decided ({@link GoldCell#fixed()}): each campaign's week or month with its templates is a
   * small model of its own. Sound on its own only where a template row's family is withheld
   * whenever its campaign row's is (see {@code GoldRelease}): then template rows narrow no
   * withheld campaign figure, and the rest of gold needs no second look.
   */
  public static ReleaseModel ofTemplates(List<GoldCell> templates, List<GoldCell> decidedCampaigns) {
    List<GoldCell> cells = new ArrayList<>(templates);
    cells.addAll(decidedCampaigns);
    return build(cells, relations -> {
      relations.templatesToCampaigns();
      relations.atMost(GoldTable.TEMPLATE_FUNNEL, "converted", "delivered");
    });
  }

  private static ReleaseModel build(List<GoldCell> cells, java.util.function.Consumer<RelationsOfGold> relations) {
    ReleaseBuilder builder = Release.builder();
    Map<GoldCell, Map<String, Integer>> ids = new HashMap<>();
    int next = 0;
    for (GoldCell cell : cells) {
      CellKey key = new CellKey(cell.table().tableName(), cell.member(), cell.period(), cell.periodStart().toString());
      Map<String, Integer> ofCell = new TreeMap<>();
      for (GoldTable.Family family : cell.table().families()) {
        for (String measure : family.additive()) {
          Double value = cell.values().get(measure);
          if (value == null) {
            continue;
          }
          Protection protection = measure.equals(family.anchor()) ? Protection.AT_LEAST_K : Protection.AT_LEAST_VALUE;
          Figure figure = new Figure(next, key, measure, family.name(), value, protection, preference(cell), cell.fixed());
          builder.add(figure, cell.withheldFamilies().contains(family.name()) ? Status.WITHHELD : Status.PUBLISHED,
              cell.sensitiveFamilies().contains(family.name()));
          ofCell.put(measure, next++);
        }
      }
      ids.put(cell, ofCell);
    }
    relations.accept(new RelationsOfGold(cells, ids, builder));
    return new ReleaseModel(builder.build(), ids);
  }

  /**
   * Days before weeks before months, and within a period a number's totals before a campaign's
   * rows: the order in which complementary suppression withholds.
   */
  static int preference(GoldCell cell) {
    int period = switch (cell.period()) {
      case "day" -> 0;
      case "week" -> 1;
      default -> 2;
    };
    return period * 10 + cell.table().preference();
  }

  public Release release() {
    return release;
  }

  /** The figure id of a row's measure, or -1 when the row has no such figure in the release. */
  public int figureId(GoldCell cell, String measure) {
    return figureIds.getOrDefault(cell, Map.of()).getOrDefault(measure, -1);
  }

  /** Builds the relations of {@link ReleaseModel}. */
  private static final class RelationsOfGold {
    private final List<GoldCell> cells;
    private final Map<GoldCell, Map<String, Integer>> ids;
    private final ReleaseBuilder builder;

    RelationsOfGold(List<GoldCell> cells, Map<GoldCell, Map<String, Integer>> ids, ReleaseBuilder builder) {
      this.cells = cells;
      this.ids = ids;
      this.builder = builder;
    }

    void addAll() {
      periodsOfDays();
      campaignsToNumbers();
      templatesToCampaigns();
      categoriesToNumbers();
      atMost(GoldTable.CAMPAIGN_FUNNEL, "converted", "delivered");
      atMost(GoldTable.TEMPLATE_FUNNEL, "converted", "delivered");
      atMost(GoldTable.NUMBER_FUNNEL, "converted", "delivered");
      atMost(GoldTable.AD_REFERRALS, "converted", "conversations_started");
    }

    /** A week or a month of a row equals the sum of the same member's days in it. */
    private void periodsOfDays() {
      Map<String, List<GoldCell>> daysByMember = new HashMap<>();
      for (GoldCell cell : cells) {
        if (cell.period().equals("day")) {
          daysByMember.computeIfAbsent(cell.table() + "/" + cell.member(), m -> new ArrayList<>()).add(cell);
        }
      }
      for (GoldCell total : cells) {
        if (total.period().equals("day") || !total.table().hasDays()) {
          continue;
        }
        java.time.LocalDate end = total.period().equals("week") ? total.periodStart().plusDays(6)
            : total.periodStart().plusMonths(1).minusDays(1);
        List<GoldCell> days = daysByMember.getOrDefault(total.table() + "/" + total.member(), List.of()).stream()
            .filter(d -> !d.periodStart().isBefore(total.periodStart()) && !d.periodStart().isAfter(end)).toList();
        for (String measure : additive(total.table())) {
          sum(total.table().tableName() + " " + total.period() + " = days, " + measure, List.of(total), days, measure);
        }
      }
    }

    /** In every period, the campaigns of a client add up to its numbers. */
    private void campaignsToNumbers() {
      Map<String, List<GoldCell>> campaigns = byPeriod(GoldTable.CAMPAIGN_FUNNEL);
      Map<String, List<GoldCell>> numbers = byPeriod(GoldTable.NUMBER_FUNNEL);
      for (var period : numbers.entrySet()) {
        for (String measure : additive(GoldTable.NUMBER_FUNNEL)) {
          sum("campaigns = numbers " + period.getKey() + ", " + measure, period.getValue(),
              campaigns.getOrDefault(period.getKey(), List.of()), measure);
        }
      }
    }

    /** In every period, the templates of a campaign add up to the campaign. */
    private void templatesToCampaigns() {
      Map<String, List<GoldCell>> templates = partsByWhole(GoldTable.TEMPLATE_FUNNEL);
      for (GoldCell campaign : cells) {
        List<GoldCell> parts = templates.get(campaign.member() + "/" + campaign.period() + "/" + campaign.periodStart());
        if (campaign.table() != GoldTable.CAMPAIGN_FUNNEL || parts == null) {
          continue;
        }
        for (String measure : additive(GoldTable.CAMPAIGN_FUNNEL)) {
          sum("templates = campaign " + campaign.period() + " " + campaign.periodStart() + ", " + measure, List.of(campaign), parts, measure);
        }
      }
    }

    /** A number's messages of every pricing category add up to what it sent, and their costs to its cost. */
    private void categoriesToNumbers() {
      Map<String, List<GoldCell>> categories = partsByWhole(GoldTable.CONVERSATIONS);
      for (GoldCell number : cells) {
        if (number.table() != GoldTable.NUMBER_FUNNEL) {
          continue;
        }
        List<GoldCell> parts = categories.get(number.member() + "/" + number.period() + "/" + number.periodStart());
        Integer sent = ids.get(number).get("sent");
        if (parts == null || sent == null) {
          continue;
        }
        List<Integer> messages = parts.stream().map(part -> ids.get(part).get("messages")).toList();
        if (!messages.contains(null)) {
          builder.relate(Relation.sum("categories = sent " + number.period() + " " + number.periodStart(), sent, messages));
        }
        sum("categories = number cost " + number.period() + " " + number.periodStart(), List.of(number), parts, "cost");
      }
    }

    /**
     * The rows of a table whose first member names the row they are part of (a template's
     * campaign, a pricing category's number), by that member, period and start.
     */
    private Map<String, List<GoldCell>> partsByWhole(GoldTable parts) {
      Map<String, List<GoldCell>> byWhole = new HashMap<>();
      for (GoldCell cell : cells) {
        if (cell.table() == parts) {
          byWhole.computeIfAbsent(cell.members().get(0) + "/" + cell.period() + "/" + cell.periodStart(), k -> new ArrayList<>()).add(cell);
        }
      }
      return byWhole;
    }

    private void atMost(GoldTable table, String smaller, String larger) {
      for (GoldCell cell : cells) {
        Map<String, Integer> of = ids.get(cell);
        if (cell.table() == table && of.containsKey(smaller) && of.containsKey(larger)) {
          builder.relate(Relation.atMost(table.tableName() + " " + smaller + " <= " + larger, of.get(smaller), of.get(larger)));
        }
      }
    }

    /**
     * Σ totals = Σ parts for one measure. A missing row is a zero and adds no term; a row that
     * lacks the figure (a null in gold) makes the equation unknown to a reader, so it is left out.
     */
    private void sum(String name, List<GoldCell> totals, List<GoldCell> parts, String measure) {
      List<Relation.Term> terms = new ArrayList<>();
      for (GoldCell total : totals) {
        Integer id = ids.get(total).get(measure);
        if (id == null) {
          return;
        }
        terms.add(new Relation.Term(id, 1));
      }
      for (GoldCell part : parts) {
        Integer id = ids.get(part).get(measure);
        if (id == null) {
          return;
        }
        terms.add(new Relation.Term(id, -1));
      }
      if (!terms.isEmpty()) {
        builder.relate(new Relation(name, terms, Relation.Sense.EQUAL));
      }
    }

    private Map<String, List<GoldCell>> byPeriod(GoldTable table) {
      Map<String, List<GoldCell>> byPeriod = new HashMap<>();
      for (GoldCell cell : cells) {
        if (cell.table() == table) {
          byPeriod.computeIfAbsent(cell.period() + " " + cell.periodStart(), k -> new ArrayList<>()).add(cell);
        }
      }
      return byPeriod;
    }

    private static List<String> additive(GoldTable table) {
      List<String> measures = new ArrayList<>();
      table.families().forEach(f -> measures.addAll(f.additive()));
      return measures;
    }
  }
}

package io.conversa.aggregate;

import io.conversa.disclosure.ComplementarySuppression;
import io.conversa.disclosure.Group;
import io.conversa.disclosure.SuppressionResult;
import io.conversa.release.GoldCell;
import io.conversa.release.GoldRows;
import io.conversa.release.GoldTable;
import io.conversa.release.ReleaseModel;
import io.conversa.release.ReleaseOutcome;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Decides which figures of the recomputed periods gold publishes: primary suppression (a family
 * of figures from fewer than k people), then complementary suppression until the disclosure
 * audit finds no withheld figure that the published ones reveal. Gold rows are bounded by
 * clients, members and periods (not by events), so they are decided on the driver.
 */
final class GoldRelease {
  /** The five gold tables of figures, before or after release. */
  record Tables(
      Dataset<Row> campaignFunnel, Dataset<Row> templateFunnel, Dataset<Row> numberFunnel, Dataset<Row> conversations,
      Dataset<Row> adReferrals) {
    Dataset<Row> of(GoldTable table) {
      return switch (table) {
        case CAMPAIGN_FUNNEL -> campaignFunnel;
        case TEMPLATE_FUNNEL -> templateFunnel;
        case NUMBER_FUNNEL -> numberFunnel;
        case CONVERSATIONS -> conversations;
        case AD_REFERRALS -> adReferrals;
      };
    }
  }

  /** @param cells every released cell, with its sensitive families ({@link io.conversa.release.SensitiveCells}) */
  record Released(Tables tables, ReleaseOutcome outcome, List<GoldCell> cells) {}

  private final SparkSession spark;
  private final int k;
  private final Consumer<String> progress;

  GoldRelease(SparkSession spark, int k, Consumer<String> progress) {
    this.spark = spark;
    this.k = k;
    this.progress = progress;
  }

  /**
   * @param computed the recomputed rows of every period the plan covers, with their people columns
   * @param earlier what an earlier run published for the plan's fixed days: row key to withheld figures
   */
  Released release(Tables computed, RecomputePlan plan, Map<GoldCell, List<String>> earlier) {
    long started = System.nanoTime();
    LocalDate[] fixedDays = plan.fixedDays();
    Map<GoldTable, List<Row>> rows = new EnumMap<>(GoldTable.class);
    Map<GoldTable, StructType> schemas = new EnumMap<>(GoldTable.class);
    Map<String, List<GoldCell>> byClient = new LinkedHashMap<>();
    Map<GoldTable, List<GoldCell>> cells = new EnumMap<>(GoldTable.class);
    for (GoldTable table : GoldTable.values()) {
      Dataset<Row> dataset = computed.of(table);
      schemas.put(table, dataset.schema());
      List<Row> collected = dataset.collectAsList();
      rows.put(table, collected);
      List<GoldCell> tableCells = new ArrayList<>();
      for (Row row : collected) {
        GoldCell cell = GoldRows.computed(table, row, k, c -> isFixed(c, fixedDays), earlier);
        tableCells.add(cell);
        byClient.computeIfAbsent(cell.client(), c -> new ArrayList<>()).add(cell);
      }
      cells.put(table, tableCells);
    }
    progress.accept(String.format(Locale.ROOT, "aggregate: %,d gold rows of %d clients computed (%.1f s)",
        cells.values().stream().mapToInt(List::size).sum(), byClient.size(), (System.nanoTime() - started) / 1e9));
    Set<String> withheldGroups = new HashSet<>();
    ReleaseOutcome.Counter outcome = new ReleaseOutcome.Counter();
    for (List<GoldCell> clientCells : byClient.values()) {
      String client = clientCells.get(0).client();
      List<GoldCell> templates = clientCells.stream().filter(c -> c.table() == GoldTable.TEMPLATE_FUNNEL).toList();
      List<GoldCell> rest = clientCells.stream().filter(c -> c.table() != GoldTable.TEMPLATE_FUNNEL).toList();
      ReleaseModel model = ReleaseModel.of(rest);
      SuppressionResult result = new ComplementarySuppression(k).apply(model.release());
      withheldGroups.addAll(groupKeys(model, client));
      outcome.add(result);
      int figures = model.release().figures().size();
      if (!templates.isEmpty()) {
        ReleaseModel templateModel = templateModel(templates, rest, withheldGroups);
        SuppressionResult templateResult = new ComplementarySuppression(k).apply(templateModel.release());
        withheldGroups.addAll(groupKeys(templateModel, client));
        outcome.add(templateResult);
        figures += (int) templateModel.release().figures().stream()
            .filter(f -> f.cell().table().equals(GoldTable.TEMPLATE_FUNNEL.tableName())).count();
      }
      progress.accept(String.format(Locale.ROOT, "aggregate: released %s: %,d figures, %d groups withheld for k and %d to protect them, %d audit rounds (%.1f s)",
          client, figures, result.primaryGroups(), result.secondaryGroups().size(), result.rounds(), (System.nanoTime() - started) / 1e9));
    }
    Timestamp now = Timestamp.from(Instant.now());
    Map<GoldTable, Dataset<Row>> released = new EnumMap<>(GoldTable.class);
    for (GoldTable table : GoldTable.values()) {
      List<Row> out = new ArrayList<>();
      List<Row> tableRows = rows.get(table);
      for (int i = 0; i < tableRows.size(); i++) {
        GoldCell cell = cells.get(table).get(i);
        if (cell.fixed()) {
          continue;
        }
        out.add(releasedRow(table, tableRows.get(i), cell, withheldGroups, outcome, now));
      }
      // Figures become nullable: withholding writes nulls where Spark's counts never had one.
      StructType schema = new StructType(java.util.Arrays.stream(schemas.get(table).fields())
              .map(f -> new org.apache.spark.sql.types.StructField(f.name(), f.dataType(), true, f.metadata()))
              .toArray(org.apache.spark.sql.types.StructField[]::new))
          .add("withheld", DataTypes.createArrayType(DataTypes.StringType), false)
          .add("suppressed", DataTypes.BooleanType, false)
          .add("computed_at", DataTypes.TimestampType, false);
      released.put(table, spark.createDataFrame(out, schema));
    }
    Tables tables = new Tables(
        Funnels.withRates(released.get(GoldTable.CAMPAIGN_FUNNEL)),
        Funnels.withRates(released.get(GoldTable.TEMPLATE_FUNNEL)),
        Funnels.withRates(released.get(GoldTable.NUMBER_FUNNEL)),
        released.get(GoldTable.CONVERSATIONS),
        AdReferrals.withRates(released.get(GoldTable.AD_REFERRALS)));
    return new Released(tables, outcome.outcome(), cells.values().stream().flatMap(List::stream).toList());
  }

  /**
   * Templates are released after the rest of gold, beside their campaign rows as decided: a
   * template row's family is withheld wherever its campaign row's is, so templates narrow no
   * withheld figure of the rest, and each campaign's week or month with its templates is a
   * small model of its own. Released together, every template row joined one linear programme
   * per client with every day, number and category: the demo's release took 2.3 times as long.
   */
  private static ReleaseModel templateModel(List<GoldCell> templates, List<GoldCell> rest, Set<String> withheldGroups) {
    Map<String, Set<String>> campaignWithheld = new java.util.HashMap<>();
    List<GoldCell> decided = new ArrayList<>();
    for (GoldCell cell : rest) {
      if (cell.table() != GoldTable.CAMPAIGN_FUNNEL || cell.period().equals(Periods.DAY)) {
        continue;
      }
      Set<String> withheld = new HashSet<>();
      for (GoldTable.Family family : cell.table().families()) {
        if (withheldGroups.contains(groupKey(cell.table().tableName(), cell.member(), cell.period(), cell.periodStart().toString(),
            cell.client(), family.name()))) {
          withheld.add(family.name());
        }
      }
      campaignWithheld.put(cell.member() + "\u0000" + cell.period() + "\u0000" + cell.periodStart(), withheld);
      decided.add(new GoldCell(cell.table(), cell.client(), cell.members(), cell.period(), cell.periodStart(), cell.values(), cell.currency(),
          Set.copyOf(withheld), cell.sensitiveFamilies(), true));
    }
    List<GoldCell> bound = new ArrayList<>();
    for (GoldCell template : templates) {
      Set<String> withheld = new HashSet<>(template.withheldFamilies());
      withheld.addAll(campaignWithheld.getOrDefault(
          template.members().get(0) + "\u0000" + template.period() + "\u0000" + template.periodStart(), Set.of()));
      bound.add(new GoldCell(template.table(), template.client(), template.members(), template.period(), template.periodStart(),
          template.values(), template.currency(), Set.copyOf(withheld), template.sensitiveFamilies(), template.fixed()));
    }
    return ReleaseModel.ofTemplates(bound, decided);
  }

  private static List<String> groupKeys(ReleaseModel model, String client) {
    List<String> keys = new ArrayList<>();
    for (Group group : model.release().withheldGroups()) {
      keys.add(groupKey(group.cell().table(), group.cell().member(), group.cell().period(), group.cell().periodStart(), client, group.family()));
    }
    return keys;
  }

  private static boolean isFixed(GoldCell cell, LocalDate[] fixedDays) {
    return fixedDays != null && cell.period().equals(Periods.DAY)
        && !cell.periodStart().isBefore(fixedDays[0]) && !cell.periodStart().isAfter(fixedDays[1]);
  }

  /** The row with its withheld figures nulled, the names of every withheld figure and rate. */
  private static Row releasedRow(
      GoldTable table, Row row, GoldCell cell, Set<String> withheldGroups, ReleaseOutcome.Counter outcome, Timestamp now) {
    Object[] values = new Object[row.length() + 3];
    for (int i = 0; i < row.length(); i++) {
      values[i] = row.get(i);
    }
    List<String> withheld = new ArrayList<>();
    for (GoldTable.Family family : table.families()) {
      boolean primary = cell.sensitiveFamilies().contains(family.name());
      boolean secondary = !primary && withheldGroups.contains(
          groupKey(table.tableName(), cell.member(), cell.period(), cell.periodStart().toString(), cell.client(), family.name()));
      for (String measure : family.measures()) {
        if (row.isNullAt(row.fieldIndex(measure))) {
          continue;
        }
        outcome.figure(primary, secondary);
        if (primary || secondary) {
          values[row.fieldIndex(measure)] = null;
          withheld.add(measure);
        }
      }
      if ((primary || secondary) && family.measures().contains("revenue")) {
        values[row.fieldIndex("revenue_currency")] = null;
      }
      if ((primary || secondary) && family.measures().contains("cost")) {
        values[row.fieldIndex("cost_currency")] = null;
      }
    }
    for (GoldTable.Rate rate : table.rates()) {
      if (withheld.contains(rate.numerator()) || withheld.contains(rate.denominator())) {
        withheld.add(rate.name());
      }
    }
    values[row.length()] = withheld;
    values[row.length() + 1] = !withheld.isEmpty();
    values[row.length() + 2] = now;
    return RowFactory.create(values);
  }

  private static String groupKey(String table, String member, String period, String start, String client, String family) {
    return String.join("\u0000", table, member, period, start, client, family);
  }
}

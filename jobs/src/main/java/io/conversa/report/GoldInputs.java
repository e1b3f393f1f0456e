package io.conversa.report;

import static org.apache.spark.sql.functions.col;

import io.conversa.aggregate.Periods;
import io.conversa.aggregate.Releases;
import io.conversa.common.Errors;
import io.conversa.config.FunnelRules;
import io.conversa.lake.Concurrently;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tables a report reads: the gold tables of figures restricted to the report's two weeks,
 * the week rows of gold.number_funnel of the trend's eight weeks, gold.quality_checks,
 * bronze.quarantine, and the rules gold was released with (gold.releases). A table that does
 * not exist reads as empty; the report never creates or writes a table.
 *
 * <p>The rows of the weeks are read once and held on the driver: gold rows are bounded by
 * clients, members and periods, a few thousand, and every client's report asks a dozen small
 * questions of them. Asked of a local relation, a question runs no Delta snapshot and no scan.
 */
public record GoldInputs(
    Dataset<Row> campaignFunnel, Dataset<Row> templateFunnel, Dataset<Row> numberFunnel, Dataset<Row> conversations,
    Dataset<Row> adReferrals, Dataset<Row> numberWeeks, Dataset<Row> qualityChecks, Dataset<Row> quarantine, FunnelRules rules) {
  /** Weeks in the trend, the report's own the last. */
  public static final int TREND_WEEKS = 8;


  public static GoldInputs read(Lake lake) {
    if (!lake.exists(TableSchemas.NUMBER_FUNNEL)) {
      throw Errors.usage("lake " + lake.root() + " has no gold.number_funnel table.",
          "run `conversa run --input LOGS --lake " + lake.root() + "` (or `conversa aggregate`) first, or pass the right --lake;"
              + " a lake aggregated by a conversa before gold had periods needs `conversa aggregate --full` once.");
    }
    FunnelRules rules = Releases.latestRules(lake);
    if (rules == null) {
      throw Errors.usage("lake " + lake.root() + " has no gold.releases row: nothing records the rules its gold was built with.",
          "run `conversa aggregate --full --lake " + lake.root() + "` once.");
    }
    // Each Delta snapshot is a second or two of driver work: loaded side by side.
    List<Dataset<Row>> t = Concurrently.run(lake.spark(), List.of(
        () -> table(lake, TableSchemas.CAMPAIGN_FUNNEL), () -> table(lake, TableSchemas.TEMPLATE_FUNNEL),
        () -> table(lake, TableSchemas.NUMBER_FUNNEL), () -> table(lake, TableSchemas.CONVERSATIONS),
        () -> table(lake, TableSchemas.AD_REFERRALS), () -> table(lake, TableSchemas.QUALITY_CHECKS),
        () -> table(lake, TableSchemas.QUARANTINE).select("ingest_date")));
    return new GoldInputs(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), t.get(2), t.get(5), t.get(6), rules);
  }

  private static Dataset<Row> table(Lake lake, TableSchema table) {
    if (lake.exists(table)) {
      return lake.spark().read().format("delta").load(lake.path(table));
    }
    return lake.spark().createDataFrame(List.of(), table.schema());
  }

  /** The day and week rows of the week and the week before it, cached; the other tables as they are. */
  public GoldInputs forWeeks(ReportWeek week) {
    List<Dataset<Row>> rows = Concurrently.run(campaignFunnel.sparkSession(), List.of(
        () -> onDriver(twoWeeks(campaignFunnel, week)),
        () -> onDriver(templateFunnel.filter(col("period").equalTo(Periods.WEEK).and(col("period_start").equalTo(Date.valueOf(week.first()))))),
        () -> onDriver(twoWeeks(numberFunnel, week)), () -> onDriver(twoWeeks(conversations, week)),
        () -> onDriver(twoWeeks(adReferrals, week)),
        () -> onDriver(numberFunnel.filter(col("period").equalTo(Periods.WEEK)
            .and(col("period_start").between(Date.valueOf(week.first().minusWeeks(TREND_WEEKS - 1)), Date.valueOf(week.first())))))));
    return new GoldInputs(rows.get(0), rows.get(1), rows.get(2), rows.get(3), rows.get(4), rows.get(5), qualityChecks, quarantine, rules);
  }

  private static Dataset<Row> twoWeeks(Dataset<Row> table, ReportWeek week) {
    return table.filter(col("period").isin(Periods.DAY, Periods.WEEK)
        .and(col("period_start").between(Date.valueOf(week.previous().first()), Date.valueOf(week.last()))));
  }

  private static Dataset<Row> onDriver(Dataset<Row> rows) {
    return rows.sparkSession().createDataFrame(rows.collectAsList(), rows.schema());
  }

  public List<Dataset<Row>> aggregates() {
    return List.of(campaignFunnel, templateFunnel, numberFunnel, conversations, adReferrals);
  }

}

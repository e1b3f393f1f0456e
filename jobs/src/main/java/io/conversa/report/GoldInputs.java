package io.conversa.report;

import io.conversa.common.Errors;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tables a report reads: the four gold aggregates restricted to the report's two weeks
 * (cached: every client reads them several times), gold.quality_checks and bronze.quarantine.
 * A table that does not exist reads as empty; the report never creates or writes a table.
 */
public record GoldInputs(
    Dataset<Row> campaignFunnel, Dataset<Row> dailyFunnel, Dataset<Row> conversationsDaily, Dataset<Row> adReferrals,
    Dataset<Row> qualityChecks, Dataset<Row> quarantine) {

  public static GoldInputs read(Lake lake) {
    if (!lake.exists(TableSchemas.DAILY_FUNNEL)) {
      throw Errors.usage("lake " + lake.root() + " has no gold tables.",
          "run `conversa run --input LOGS --lake " + lake.root() + "` (or `conversa aggregate`) first, or pass the right --lake.");
    }
    return new GoldInputs(
        table(lake, TableSchemas.CAMPAIGN_FUNNEL), table(lake, TableSchemas.DAILY_FUNNEL), table(lake, TableSchemas.CONVERSATIONS_DAILY),
        table(lake, TableSchemas.AD_REFERRALS), table(lake, TableSchemas.QUALITY_CHECKS),
        table(lake, TableSchemas.QUARANTINE).select("ingest_date"));
  }

  private static Dataset<Row> table(Lake lake, TableSchema table) {
    if (lake.exists(table)) {
      return lake.spark().read().format("delta").load(lake.path(table));
    }
    return lake.spark().createDataFrame(List.of(), table.schema());
  }

  /** The aggregates of the week and the week before it, cached; the other tables as they are. */
  public GoldInputs forWeeks(ReportWeek week) {
    Date from = Date.valueOf(week.previous().first());
    Date to = Date.valueOf(week.last());
    return new GoldInputs(
        campaignFunnel.filter(campaignFunnel.col("send_date").between(from, to)).cache(),
        dailyFunnel.filter(dailyFunnel.col("day").between(from, to)).cache(),
        conversationsDaily.filter(conversationsDaily.col("day").between(from, to)).cache(),
        adReferrals.filter(adReferrals.col("day").between(from, to)).cache(),
        qualityChecks, quarantine);
  }

  public List<Dataset<Row>> aggregates() {
    return List.of(campaignFunnel, dailyFunnel, conversationsDaily, adReferrals);
  }

  public void release() {
    aggregates().forEach(Dataset::unpersist);
  }
}

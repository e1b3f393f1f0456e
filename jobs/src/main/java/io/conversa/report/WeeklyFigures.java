package io.conversa.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A client's week, read from gold: pure functions from a gold table to the figures a report
 * shows. A row counts only when it is not suppressed and at least k users make it up; every
 * other row contributes nothing and is only counted as withheld. Results are bounded by the
 * days, campaigns and ads of one client and week, so collecting them is safe.
 */
public final class WeeklyFigures {
  private WeeklyFigures() {}

  /** A row the report may use: aggregate did not suppress it and at least k users make it up. */
  static Column shown(int minGroupSize) {
    return coalesce(not(col("suppressed")).and(col("users").geq(minGroupSize)), lit(false));
  }

  static Dataset<Row> clientWeek(Dataset<Row> table, String dateColumn, String client, ReportWeek week) {
    return table.filter(col("client").equalTo(client)
        .and(col(dateColumn).between(Date.valueOf(week.first()), Date.valueOf(week.last()))));
  }

  /** Headline totals from gold.daily_funnel (every message, campaign or not). */
  public static FunnelTotals funnelTotals(Dataset<Row> dailyFunnel, String client, ReportWeek week, int minGroupSize) {
    Dataset<Row> rows = clientWeek(dailyFunnel, "day", client, week);
    Dataset<Row> shown = rows.filter(shown(minGroupSize));
    Row totals = shown.agg(
        sum("sent"), sum("delivered"), sum("read"), sum("replied"), sum("clicked"), sum("converted"), sum("conversions")).first();
    long withheld = rows.filter(not(shown(minGroupSize))).count();
    return new FunnelTotals(
        longAt(totals, 0), longAt(totals, 1), longAt(totals, 2), longAt(totals, 3), longAt(totals, 4), longAt(totals, 5), longAt(totals, 6),
        revenueBy(shown, null).getOrDefault("", Map.of()), withheld);
  }

  /** The seven days of the week, each the sum of its shown gold.daily_funnel rows (0 when none). */
  public static List<DayFigures> dailyTrend(Dataset<Row> dailyFunnel, String client, ReportWeek week, int minGroupSize) {
    Map<LocalDate, DayFigures> byDay = new HashMap<>();
    for (Row r : clientWeek(dailyFunnel, "day", client, week).filter(shown(minGroupSize))
        .groupBy("day").agg(sum("sent"), sum("delivered"), sum("read"), sum("replied"), sum("converted")).collectAsList()) {
      LocalDate day = r.getDate(0).toLocalDate();
      byDay.put(day, new DayFigures(day, longAt(r, 1), longAt(r, 2), longAt(r, 3), longAt(r, 4), longAt(r, 5)));
    }
    List<DayFigures> days = new ArrayList<>();
    for (LocalDate day = week.first(); !day.isAfter(week.last()); day = day.plusDays(1)) {
      days.add(byDay.getOrDefault(day, DayFigures.none(day)));
    }
    return days;
  }

  /** The week's campaigns from gold.campaign_funnel, most conversions first, then most sent. */
  public static List<CampaignFigures> topCampaigns(Dataset<Row> campaignFunnel, String client, ReportWeek week, int minGroupSize, int limit) {
    Dataset<Row> shown = clientWeek(campaignFunnel, "send_date", client, week).filter(shown(minGroupSize))
        .withColumn("campaign", coalesce(col("campaign"), lit("(none)")));
    Map<String, Map<String, BigDecimal>> revenue = revenueBy(shown, "campaign");
    List<CampaignFigures> campaigns = new ArrayList<>();
    for (Row r : shown.groupBy("campaign")
        .agg(sum("sent").as("sent"), sum("delivered"), sum("replied"), sum("converted").as("converted"), sum("conversions"))
        .orderBy(desc("converted"), desc("sent"), col("campaign")).limit(limit).collectAsList()) {
      String campaign = r.getString(0);
      campaigns.add(new CampaignFigures(campaign, longAt(r, 1), longAt(r, 2), longAt(r, 3), longAt(r, 4), longAt(r, 5),
          revenue.getOrDefault(campaign, Map.of())));
    }
    return campaigns;
  }

  /** The week's ads from gold.ad_referrals, most conversions first, then most conversations. */
  public static List<AdFigures> topAds(Dataset<Row> adReferrals, String client, ReportWeek week, int minGroupSize, int limit) {
    Dataset<Row> shown = clientWeek(adReferrals, "day", client, week).filter(shown(minGroupSize));
    Map<String, Map<String, BigDecimal>> revenue = revenueBy(shown, "referral_source_id");
    List<AdFigures> ads = new ArrayList<>();
    for (Row r : shown.groupBy("referral_source_id")
        .agg(first("headline", true), sum("conversations_started").as("started"), sum("replied"), sum("converted").as("converted"))
        .orderBy(desc("converted"), desc("started"), col("referral_source_id")).limit(limit).collectAsList()) {
      String ad = r.getString(0);
      ads.add(new AdFigures(ad, r.isNullAt(1) ? null : r.getString(1), longAt(r, 2), longAt(r, 3), longAt(r, 4), revenue.getOrDefault(ad, Map.of())));
    }
    return ads;
  }

  /** Messages, billable messages and sessions per pricing category, from gold.conversations_daily. */
  public static List<CategoryFigures> pricingCategories(Dataset<Row> conversationsDaily, String client, ReportWeek week, int minGroupSize) {
    List<CategoryFigures> categories = new ArrayList<>();
    for (Row r : clientWeek(conversationsDaily, "day", client, week).filter(shown(minGroupSize))
        .groupBy("pricing_category").agg(sum("messages"), sum("billable_messages"), sum("sessions"))
        .orderBy("pricing_category").collectAsList()) {
      categories.add(new CategoryFigures(r.getString(0), longAt(r, 1), longAt(r, 2), longAt(r, 3)));
    }
    return categories;
  }

  /** Rows of the client and week that the report leaves out (fewer than k users). */
  public static long withheldRows(Dataset<Row> table, String dateColumn, String client, ReportWeek week, int minGroupSize) {
    return clientWeek(table, dateColumn, client, week).filter(not(shown(minGroupSize))).count();
  }

  /**
   * Quarantined lines ingested during the week and in all, and the latest result of every
   * check in gold.quality_checks (each aggregate run checks the dates it recomputed).
   */
  public static QualityFigures quality(Dataset<Row> qualityChecks, Dataset<Row> quarantine, ReportWeek week) {
    Row quarantined = quarantine.agg(
        count(lit(1)),
        sum(col("ingest_date").between(Date.valueOf(week.first()), Date.valueOf(week.last())).cast("long"))).first();
    Dataset<Row> latest = qualityChecks
        .groupBy("table_name", "check_name").agg(max("run_at").as("run_at"))
        .join(qualityChecks, new String[] {"table_name", "check_name", "run_at"});
    int passed = 0;
    TreeSet<String> failed = new TreeSet<>();
    for (Row r : latest.select("table_name", "check_name", "passed").collectAsList()) {
      if (r.getBoolean(2)) {
        passed++;
      } else {
        failed.add(r.getString(0) + ": " + r.getString(1));
      }
    }
    return new QualityFigures(longAt(quarantined, 1), longAt(quarantined, 0), passed, failed.size(), List.copyOf(failed));
  }

  /** Every client any gold table names, sorted. */
  public static List<String> clients(List<Dataset<Row>> goldTables) {
    Dataset<Row> names = goldTables.get(0).select("client");
    for (Dataset<Row> table : goldTables.subList(1, goldTables.size())) {
      names = names.union(table.select("client"));
    }
    TreeSet<String> clients = new TreeSet<>();
    names.distinct().collectAsList().forEach(r -> clients.add(r.getString(0)));
    return List.copyOf(clients);
  }

  /** The last day gold.daily_funnel has, or null when it is empty. */
  public static LocalDate lastDay(Dataset<Row> dailyFunnel) {
    Row r = dailyFunnel.agg(max("day")).first();
    return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
  }

  /**
   * Revenue per key and currency. Rows whose conversions mix currencies carry no revenue in
   * gold (currency MIXED), so they add nothing here either. {@code key} null: one group "".
   */
  private static Map<String, Map<String, BigDecimal>> revenueBy(Dataset<Row> shownRows, String key) {
    Column keyColumn = key == null ? lit("") : col(key);
    Map<String, Map<String, BigDecimal>> revenue = new HashMap<>();
    for (Row r : shownRows.filter(col("revenue").isNotNull().and(col("revenue_currency").notEqual("MIXED")))
        .groupBy(keyColumn.as("key"), col("revenue_currency")).agg(sum("revenue")).collectAsList()) {
      revenue.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getDecimal(2));
    }
    return revenue;
  }

  private static long longAt(Row row, int i) {
    return row.isNullAt(i) ? 0L : ((Number) row.get(i)).longValue();
  }
}

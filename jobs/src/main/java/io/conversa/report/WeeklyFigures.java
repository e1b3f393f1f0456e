package io.conversa.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc_nulls_last;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.conversa.aggregate.Funnels;
import io.conversa.aggregate.Periods;
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
 * shows. The week's figures come from gold's week rows (computed from the people of the whole
 * week), never from sums of day rows. A figure gold withheld stays withheld (null), and so does
 * any total that would include one: every figure shown is a published one or a sum of published
 * ones, so the report reveals nothing gold does not. Results are bounded by the campaigns, ads and
 * numbers of one client and week, so collecting them is safe.
 */
public final class WeeklyFigures {
  private WeeklyFigures() {}

  static Dataset<Row> rows(Dataset<Row> table, String client, String period, LocalDate first, LocalDate last) {
    return table.filter(col("client").equalTo(client).and(col("period").equalTo(period))
        .and(col("period_start").between(Date.valueOf(first), Date.valueOf(last))));
  }

  static Dataset<Row> weekRows(Dataset<Row> table, String client, ReportWeek week) {
    return rows(table, client, Periods.WEEK, week.first(), week.first());
  }

  /** The sum of a figure over rows, or null when one of them withheld it (a sum would reveal it). */
  static Column publishedSum(String figure) {
    return when(count(col(figure)).equalTo(count(lit(1))), sum(col(figure)));
  }

  /**
   * Headline totals: the week rows of gold.number_funnel (every message, campaign or not) added
   * up; a figure a number withholds (gold withholds a number's total to keep its campaign rows)
   * comes from the campaigns' week rows instead, which add up to the same messages ("(none)"
   * included). Either way a sum of published figures.
   */
  public static FunnelTotals funnelTotals(Dataset<Row> numberFunnel, Dataset<Row> campaignFunnel, String client, ReportWeek week) {
    return totalsOf(weekRows(numberFunnel, client, week)).orElse(totalsOf(weekRows(campaignFunnel, client, week)));
  }

  private static FunnelTotals totalsOf(Dataset<Row> rows) {
    Row totals = rows.agg(count(lit(1)), publishedSum("sent"), publishedSum("delivered"), publishedSum("read"), publishedSum("replied"),
        publishedSum("clicked"), publishedSum("converted"), publishedSum("conversions")).first();
    if (totals.getLong(0) == 0) {
      return FunnelTotals.none();
    }
    return new FunnelTotals(longAt(totals, 1), longAt(totals, 2), longAt(totals, 3), longAt(totals, 4), longAt(totals, 5),
        longAt(totals, 6), longAt(totals, 7), revenueBy(rows, null).get(""), amountsBy(rows, null, "cost", "cost_currency").get(""));
  }

  /**
   * The last day of an unfinished week that gold has figures for, or null when gold reaches the
   * week's Sunday (or the week had nothing at all).
   */
  public static LocalDate dataThrough(Dataset<Row> numberFunnel, String client, ReportWeek week) {
    Row last = numberFunnel.filter(col("client").equalTo(client).and(col("period").equalTo(Periods.DAY)))
        .agg(max(col("period_start"))).first();
    if (last.isNullAt(0)) {
      return null;
    }
    LocalDate day = last.getDate(0).toLocalDate();
    return day.isBefore(week.last()) && !day.isBefore(week.first()) ? day : null;
  }

  /** The trend: the client's last {@link GoldInputs#TREND_WEEKS} weeks up to {@code week}, from gold's week rows. */
  public static List<WeekFigures> weeklyTrend(Dataset<Row> numberWeeks, String client, ReportWeek week) {
    LocalDate first = week.first().minusWeeks(GoldInputs.TREND_WEEKS - 1);
    // A client's numbers times eight weeks: few rows, added up here in one query.
    Map<LocalDate, List<Row>> byWeek = new HashMap<>();
    for (Row r : rows(numberWeeks, client, Periods.WEEK, first, week.first())
        .select("period_start", "sent", "converted", "revenue", "revenue_currency", "cost", "cost_currency", "withheld").collectAsList()) {
      byWeek.computeIfAbsent(r.getDate(0).toLocalDate(), d -> new ArrayList<>()).add(r);
    }
    List<WeekFigures> weeks = new ArrayList<>();
    // Weeks before the client's first figures are no weeks of nothing: the trend starts there.
    LocalDate start = byWeek.keySet().stream().min(LocalDate::compareTo).orElse(week.first());
    for (LocalDate monday = start.isAfter(first) ? start : first; !monday.isAfter(week.first()); monday = monday.plusWeeks(1)) {
      List<Row> rows = byWeek.get(monday);
      weeks.add(rows == null ? WeekFigures.none(monday) : new WeekFigures(monday, publishedTotal(rows, 1), publishedTotal(rows, 2),
          amountTotals(rows, 3, "revenue"), amountTotals(rows, 5, "cost")));
    }
    return weeks;
  }

  /** {@link #publishedSum} of rows on the driver. */
  private static Long publishedTotal(List<Row> rows, int i) {
    long total = 0;
    for (Row r : rows) {
      if (r.isNullAt(i)) {
        return null;
      }
      total += r.getLong(i);
    }
    return total;
  }

  /** {@link #amountsBy} of rows on the driver: the amount at {@code i}, its currency at {@code i + 1}. */
  private static Map<String, BigDecimal> amountTotals(List<Row> rows, int i, String figure) {
    Map<String, BigDecimal> byCurrency = new TreeMap<>();
    for (Row r : rows) {
      if (r.isNullAt(i)) {
        if (r.getList(7).contains(figure)) {
          return null;
        }
        continue;
      }
      if (!r.isNullAt(i + 1) && !Funnels.MIXED.equals(r.getString(i + 1))) {
        byCurrency.merge(r.getString(i + 1), r.getDecimal(i), BigDecimal::add);
      }
    }
    return byCurrency;
  }

  /** The seven days of the week from the day rows of gold.number_funnel; a day without rows is zeros. */
  public static List<DayFigures> dailyTrend(Dataset<Row> numberFunnel, String client, ReportWeek week) {
    Map<LocalDate, DayFigures> byDay = new HashMap<>();
    for (Row r : rows(numberFunnel, client, Periods.DAY, week.first(), week.last())
        .groupBy("period_start").agg(publishedSum("sent"), publishedSum("delivered"), publishedSum("read"), publishedSum("replied"),
            publishedSum("converted")).collectAsList()) {
      LocalDate day = r.getDate(0).toLocalDate();
      byDay.put(day, new DayFigures(day, longAt(r, 1), longAt(r, 2), longAt(r, 3), longAt(r, 4), longAt(r, 5)));
    }
    List<DayFigures> days = new ArrayList<>();
    for (LocalDate day = week.first(); !day.isAfter(week.last()); day = day.plusDays(1)) {
      days.add(byDay.getOrDefault(day, DayFigures.none(day)));
    }
    return days;
  }

  /**
   * The week's campaigns (their week rows of gold.campaign_funnel), most conversions first, then
   * most sent, each with what it sent and converted the week before.
   */
  public static List<CampaignFigures> topCampaigns(Dataset<Row> campaignFunnel, String client, ReportWeek week, int limit) {
    Dataset<Row> rows = weekRows(campaignFunnel, client, week);
    Map<String, Map<String, BigDecimal>> revenue = revenueBy(rows, "campaign");
    Map<String, Map<String, BigDecimal>> cost = amountsBy(rows, "campaign", "cost", "cost_currency");
    Map<String, Long[]> lastWeek = new HashMap<>();
    for (Row r : weekRows(campaignFunnel, client, week.previous()).select("campaign", "sent", "converted").collectAsList()) {
      lastWeek.put(r.getString(0), new Long[] {longAt(r, 1), longAt(r, 2)});
    }
    List<CampaignFigures> campaigns = new ArrayList<>();
    for (Row r : rows.select("campaign", "sent", "delivered", "replied", "converted", "conversions")
        .orderBy(desc_nulls_last("converted"), desc_nulls_last("sent"), col("campaign")).limit(limit).collectAsList()) {
      String campaign = r.getString(0);
      Long[] before = lastWeek.getOrDefault(campaign, new Long[] {0L, 0L});
      campaigns.add(new CampaignFigures(campaign, longAt(r, 1), longAt(r, 2), longAt(r, 3), longAt(r, 4), longAt(r, 5),
          revenue.get(campaign), cost.get(campaign), before[0], before[1]));
    }
    return campaigns;
  }

  /**
   * The week's best templates (their week rows of gold.template_funnel): most conversions, then
   * most clicks, then most sent. Messages that named no template are no template to rank, and a
   * template whose messages are withheld has nothing to show.
   */
  public static List<TemplateFigures> bestTemplates(Dataset<Row> templateFunnel, String client, ReportWeek week, int limit) {
    List<TemplateFigures> templates = new ArrayList<>();
    for (Row r : weekRows(templateFunnel, client, week).filter(col("template").notEqual(Funnels.NO_CAMPAIGN).and(col("sent").isNotNull()))
        .select("campaign", "template", "sent", "delivered", "read", "clicked", "converted")
        .orderBy(desc_nulls_last("converted"), desc_nulls_last("clicked"), desc_nulls_last("sent"), col("template"), col("campaign"))
        .limit(limit).collectAsList()) {
      templates.add(new TemplateFigures(r.getString(0), r.getString(1), longAt(r, 2), longAt(r, 3), longAt(r, 4), longAt(r, 5), longAt(r, 6)));
    }
    return templates;
  }

  /** The week's ads (their week rows of gold.ad_referrals), most conversions first, then most conversations. */
  public static List<AdFigures> topAds(Dataset<Row> adReferrals, String client, ReportWeek week, int limit) {
    Dataset<Row> rows = weekRows(adReferrals, client, week);
    Map<String, Map<String, BigDecimal>> revenue = revenueBy(rows, "referral_source_id");
    List<AdFigures> ads = new ArrayList<>();
    for (Row r : rows.select("referral_source_id", "headline", "conversations_started", "replied", "converted")
        .orderBy(desc_nulls_last("converted"), desc_nulls_last("conversations_started"), col("referral_source_id")).limit(limit)
        .collectAsList()) {
      String ad = r.getString(0);
      ads.add(new AdFigures(ad, r.isNullAt(1) ? null : r.getString(1), longAt(r, 2), longAt(r, 3), longAt(r, 4), revenue.get(ad)));
    }
    return ads;
  }

  /** Messages, billable messages and sessions per pricing category: the week rows of gold.conversations, over the numbers. */
  public static List<CategoryFigures> pricingCategories(Dataset<Row> conversations, String client, ReportWeek week) {
    List<CategoryFigures> categories = new ArrayList<>();
    for (Row r : weekRows(conversations, client, week)
        .groupBy("pricing_category").agg(publishedSum("messages"), publishedSum("billable_messages"), publishedSum("sessions"))
        .orderBy("pricing_category").collectAsList()) {
      categories.add(new CategoryFigures(r.getString(0), longAt(r, 1), longAt(r, 2), longAt(r, 3)));
    }
    return categories;
  }

  /**
   * Figures of the client's week rows (rates aside) that gold withheld: how many, never which
   * value.
   */
  public static long withheldFigures(List<Dataset<Row>> tables, String client, ReportWeek week) {
    long withheld = 0;
    for (Dataset<Row> table : tables) {
      Row r = weekRows(table, client, week)
          .agg(sum(expr("size(filter(withheld, f -> NOT f LIKE '%\\_rate'))"))).first();
      withheld += r.isNullAt(0) ? 0 : r.getLong(0);
    }
    return withheld;
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
    Long inWeek = longAt(quarantined, 1);
    return new QualityFigures(inWeek == null ? 0 : inWeek, quarantined.getLong(0), passed, failed.size(), List.copyOf(failed));
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

  /** The last day gold.number_funnel has a day row for, or null when it is empty. */
  public static LocalDate lastDay(Dataset<Row> numberFunnel) {
    Row r = numberFunnel.filter(col("period").equalTo(Periods.DAY)).agg(max("period_start")).first();
    return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
  }

  /**
   * Revenue per key and currency, or null for a key where a row withheld its revenue (gold
   * nulls revenue_currency with it). Rows whose conversions mix currencies carry no revenue in
   * gold (currency MIXED), so they add nothing here either. {@code key} null: one group "".
   */
  private static Map<String, Map<String, BigDecimal>> revenueBy(Dataset<Row> rows, String key) {
    return amountsBy(rows, key, "revenue", "revenue_currency");
  }

  /** An amount (revenue, cost) per key and currency, as {@link #revenueBy} describes. */
  private static Map<String, Map<String, BigDecimal>> amountsBy(Dataset<Row> rows, String key, String amount, String currency) {
    Column keyColumn = key == null ? lit("") : col(key);
    Map<String, Map<String, BigDecimal>> revenue = new HashMap<>();
    for (Row r : rows.groupBy(keyColumn.as("key"))
        .agg(max(when(col(amount).isNull().and(aggregateWithheld(amount)), 1).otherwise(0)))
        .collectAsList()) {
      revenue.put(r.getString(0), r.getInt(1) == 1 ? null : new TreeMap<>());
    }
    for (Row r : rows.filter(col(amount).isNotNull().and(col(currency).isNotNull()).and(col(currency).notEqual("MIXED")))
        .groupBy(keyColumn.as("key"), col(currency)).agg(sum(amount)).collectAsList()) {
      Map<String, BigDecimal> byCurrency = revenue.get(r.getString(0));
      if (byCurrency != null) {
        byCurrency.put(r.getString(1), r.getDecimal(2));
      }
    }
    return revenue;
  }

  private static Column aggregateWithheld(String figure) {
    return coalesce(expr("array_contains(withheld, '" + figure + "')"), lit(false));
  }

  private static Long longAt(Row row, int i) {
    return row.isNullAt(i) ? null : ((Number) row.get(i)).longValue();
  }
}

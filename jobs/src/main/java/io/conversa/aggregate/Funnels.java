package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * gold.campaign_funnel, gold.template_funnel and gold.number_funnel before release: sums of {@link MessageOutcomes}
 * per day, week and month, with the people behind each figure. {@link GoldRelease} decides
 * which figures are published.
 */
public final class Funnels {
  public static final String NO_CAMPAIGN = "(none)";
  /** revenue_currency when a row's purchases were paid in several currencies. */
  public static final String MIXED = "MIXED";

  private Funnels() {}

  /** @param outcomes {@link MessageOutcomes} with {@code client} and {@code local_date} */
  public static Dataset<Row> campaignFunnel(Dataset<Row> outcomes) {
    return funnel(Periods.each(outcomes, "local_date"), List.of("client", "campaign"));
  }

  /**
   * By week and month only: a campaign's templates split its days into cells mostly too small to
   * publish, and each would widen the disclosure audit's linear programmes (an A/B test is read
   * by the week).
   *
   * @param outcomes {@link MessageOutcomes} with {@code client}, {@code local_date} and {@code template}
   */
  public static Dataset<Row> templateFunnel(Dataset<Row> outcomes) {
    return funnel(Periods.weeksAndMonths(outcomes, "local_date"), List.of("client", "campaign", "template"));
  }

  /** @param outcomes {@link MessageOutcomes} with {@code client} and {@code local_date} */
  public static Dataset<Row> numberFunnel(Dataset<Row> outcomes) {
    return funnel(Periods.each(outcomes, "local_date"), List.of("client", "phone_number_id"));
  }

  /** @param rows message outcomes, each once per period it counts in ({@link Periods}) */
  private static Dataset<Row> funnel(Dataset<Row> rows, List<String> dimensions) {
    List<String> keys = new ArrayList<>(dimensions);
    keys.add("period");
    keys.add("period_start");
    Dataset<Row> sums =
        rows
            .withColumn("_currencies", expr("coalesce(currencies, array())"))
            .groupBy(keys.stream().map(functions::col).toArray(Column[]::new))
            .agg(
                count("*").as("sent"),
                countIf("is_delivered").as("delivered"),
                countIf("is_read").as("read"),
                countIf("is_failed").as("failed"),
                countIf("is_replied").as("replied"),
                countIf("is_clicked").as("clicked"),
                sum(when(col("purchases").gt(0), 1L).otherwise(0L)).as("converted"),
                sum("purchases").as("conversions"),
                expr("cast(coalesce(sum(revenue), 0) as decimal(18,2))").as("_revenue"),
                expr("array_distinct(flatten(collect_list(_currencies)))").as("_all_currencies"),
                expr("cast(coalesce(sum(cost), 0) as decimal(18,4))").as("_cost"),
                expr("collect_set(cost_currency)").as("_cost_currencies"),
                // One exact percentile buffer per measure serves both the median and p90.
                expr("percentile(seconds_to_read, array(0.5, 0.9))").as("_read_percentiles"),
                expr("percentile(seconds_to_reply, array(0.5, 0.9))").as("_reply_percentiles"));
    Map<String, Column> people = Contributors.users();
    people.put("buyers", col("purchases").gt(0));
    people.put("readers", col("is_read"));
    people.put("repliers", col("is_replied"));
    return Money.settleCost(Money.settleRevenue(Contributors.counted(sums, rows, keys, people)))
        .withColumn("median_seconds_to_read", col("_read_percentiles").getItem(0))
        .withColumn("p90_seconds_to_read", col("_read_percentiles").getItem(1))
        .withColumn("median_seconds_to_reply", col("_reply_percentiles").getItem(0))
        .withColumn("p90_seconds_to_reply", col("_reply_percentiles").getItem(1))
        .drop("_read_percentiles", "_reply_percentiles");
  }

  /** The funnel's rates, from the figures left after release: a withheld part withholds the rate. */
  public static Dataset<Row> withRates(Dataset<Row> released) {
    return released
        .withColumn("delivery_rate", ratio("delivered", "sent"))
        .withColumn("read_rate", ratio("read", "delivered"))
        .withColumn("reply_rate", ratio("replied", "delivered"))
        .withColumn("click_rate", ratio("clicked", "delivered"))
        .withColumn("conversion_rate", ratio("converted", "delivered"))
        .withColumn("cost_per_delivered", moneyRatio("cost", "delivered"))
        .withColumn("cost_per_conversion", moneyRatio("cost", "converted"))
        // Revenue over cost means something only in one currency.
        .withColumn("return_on_spend", when(col("revenue_currency").equalTo(col("cost_currency")), ratio("revenue", "cost")));
  }

  static Column moneyRatio(String amount, String count) {
    return when(col(count).gt(0), col(amount).divide(col(count)).cast("decimal(18,4)"));
  }

  static Column countIf(String flag) {
    return sum(when(col(flag), 1L).otherwise(0L));
  }

  static Column ratio(String numerator, String denominator) {
    return when(col(denominator).gt(0), col(numerator).cast("double").divide(col(denominator))).otherwise(lit(null).cast("double"));
  }
}

package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** gold.campaign_funnel and gold.daily_funnel: sums of {@link MessageOutcomes} over their grain. */
public final class Funnels {
  public static final String NO_CAMPAIGN = "(none)";
  /** revenue_currency when a row's purchases were paid in several currencies. */
  public static final String MIXED = "MIXED";

  private Funnels() {}

  public static Dataset<Row> campaignFunnel(Dataset<Row> outcomes, int minGroupSize) {
    return funnel(outcomes, minGroupSize, List.of("client", "campaign", "send_date"));
  }

  public static Dataset<Row> dailyFunnel(Dataset<Row> outcomes, int minGroupSize) {
    return funnel(outcomes.withColumn("day", col("send_date")), minGroupSize, List.of("client", "phone_number_id", "day"));
  }

  private static Dataset<Row> funnel(Dataset<Row> outcomes, int minGroupSize, List<String> keys) {
    Dataset<Row> sums =
        outcomes
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
                // One exact percentile buffer per measure serves both the median and p90.
                expr("percentile(seconds_to_read, array(0.5, 0.9))").as("_read_percentiles"),
                expr("percentile(seconds_to_reply, array(0.5, 0.9))").as("_reply_percentiles"));
    Dataset<Row> measured =
        Revenue.settle(DistinctUsers.counted(sums, outcomes, keys))
            .withColumn("median_seconds_to_read", col("_read_percentiles").getItem(0))
            .withColumn("p90_seconds_to_read", col("_read_percentiles").getItem(1))
            .withColumn("median_seconds_to_reply", col("_reply_percentiles").getItem(0))
            .withColumn("p90_seconds_to_reply", col("_reply_percentiles").getItem(1))
            .drop("_read_percentiles", "_reply_percentiles")
            .withColumn("delivery_rate", ratio("delivered", "sent"))
            .withColumn("read_rate", ratio("read", "delivered"))
            .withColumn("reply_rate", ratio("replied", "delivered"))
            .withColumn("click_rate", ratio("clicked", "delivered"))
            .withColumn("conversion_rate", ratio("converted", "delivered"));
    return Suppression.apply(measured, minGroupSize, Set.copyOf(keys)).withColumn("computed_at", expr("current_timestamp()"));
  }

  static Column countIf(String flag) {
    return sum(when(col(flag), 1L).otherwise(0L));
  }

  static Column ratio(String numerator, String denominator) {
    return when(col(denominator).gt(0), col(numerator).cast("double").divide(col(denominator))).otherwise(lit(null).cast("double"));
  }
}

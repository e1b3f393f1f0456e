package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold.campaign_funnel and gold.daily_funnel: sums of {@link MessageOutcomes} over their grain. */
public final class Funnels {
  public static final String NO_CAMPAIGN = "(none)";
  /** revenue_currency when a row's purchases were paid in several currencies. */
  public static final String MIXED = "MIXED";

  private Funnels() {}

  public static Dataset<Row> campaignFunnel(Dataset<Row> outcomes, int minGroupSize) {
    return funnel(outcomes, minGroupSize, Set.of("client", "campaign", "send_date"), col("client"), col("campaign"), col("send_date"));
  }

  public static Dataset<Row> dailyFunnel(Dataset<Row> outcomes, int minGroupSize) {
    return funnel(outcomes, minGroupSize, Set.of("client", "phone_number_id", "day"), col("client"), col("phone_number_id"), col("send_date").as("day"));
  }

  private static Dataset<Row> funnel(Dataset<Row> outcomes, int minGroupSize, Set<String> keys, Column... grain) {
    Dataset<Row> sums =
        outcomes
            .withColumn("_currencies", expr("coalesce(currencies, array())"))
            .groupBy(grain)
            .agg(
                countDistinct("user_id").as("users"),
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
                expr("percentile(seconds_to_read, 0.5)").as("median_seconds_to_read"),
                expr("percentile(seconds_to_read, 0.9)").as("p90_seconds_to_read"),
                expr("percentile(seconds_to_reply, 0.5)").as("median_seconds_to_reply"),
                expr("percentile(seconds_to_reply, 0.9)").as("p90_seconds_to_reply"));
    Dataset<Row> measured =
        Revenue.settle(sums)
            .withColumn("delivery_rate", ratio("delivered", "sent"))
            .withColumn("read_rate", ratio("read", "delivered"))
            .withColumn("reply_rate", ratio("replied", "delivered"))
            .withColumn("click_rate", ratio("clicked", "delivered"))
            .withColumn("conversion_rate", ratio("converted", "delivered"));
    return Suppression.apply(measured, minGroupSize, keys).withColumn("computed_at", expr("current_timestamp()"));
  }

  static Column countIf(String flag) {
    return sum(when(col(flag), 1L).otherwise(0L));
  }

  static Column ratio(String numerator, String denominator) {
    return when(col(denominator).gt(0), col(numerator).cast("double").divide(col(denominator))).otherwise(lit(null).cast("double"));
  }
}

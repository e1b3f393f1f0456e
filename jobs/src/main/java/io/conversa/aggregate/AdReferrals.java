package io.conversa.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.ad_referrals: each inbound message that carried a click-to-WhatsApp referral starts a
 * conversation; the business replied if it sent the user a message within the reply window; it
 * converted if the user bought within the attribution window after it, for that purchase's value.
 * Per day, week and month of the referral's local date, before release ({@link GoldRelease}).
 */
public final class AdReferrals {
  private AdReferrals() {}

  /**
   * @param inbound silver.messages with client and local_date, users resolved
   * @param outbound silver.outbound_messages, users resolved
   * @param purchases {@link Purchases#of}
   */
  public static Dataset<Row> of(
      Dataset<Row> inbound, Dataset<Row> outbound, Dataset<Row> purchases, long replySeconds, long attributionSeconds) {
    Dataset<Row> referrals =
        inbound.filter(col("referral_source_id").isNotNull())
            .select(
                col("message_id").as("referral_message_id"), col("client"), col("waba_id"), col("phone_number_id"),
                col("user_id"), col("sent_at").as("arrived_at"), col("local_date"),
                col("referral_source_id"), col("referral_source_type"), col("referral_headline"));
    Dataset<Row> answered =
        referrals.join(
                outbound.select(col("user_id").as("_o_user"), col("phone_number_id").as("_o_phone"), col("sent_at").as("_answered_at")),
                col("user_id").equalTo(col("_o_user")).and(col("phone_number_id").equalTo(col("_o_phone")))
                    .and(Times.within("arrived_at", "_answered_at", replySeconds)))
            .select("referral_message_id").distinct()
            .withColumn("_replied", lit(true));
    Dataset<Row> converted =
        referrals.join(
                purchases.select(col("purchase_id"), col("user_id").as("_p_user"), col("waba_id").as("_p_waba"),
                    col("occurred_at"), col("value"), col("currency")),
                col("user_id").equalTo(col("_p_user")).and(col("waba_id").equalTo(col("_p_waba")))
                    .and(Times.within("arrived_at", "occurred_at", attributionSeconds)))
            .groupBy("referral_message_id")
            .agg(sum("value").as("_value"), collect_set("currency").as("_currencies"));
    Dataset<Row> outcomes =
        Periods.each(referrals.join(answered, "referral_message_id", "left")
            .join(converted, "referral_message_id", "left"), "local_date");
    Dataset<Row> sums =
        outcomes
            .groupBy("client", "referral_source_id", "period", "period_start")
            .agg(
                max("referral_source_type").as("referral_source_type"),
                max("referral_headline").as("headline"),
                count("*").as("conversations_started"),
                sum(when(col("_replied"), 1L).otherwise(0L)).as("replied"),
                sum(when(col("_currencies").isNotNull(), 1L).otherwise(0L)).as("converted"),
                expr("cast(coalesce(sum(_value), 0) as decimal(18,2))").as("_revenue"),
                expr("array_distinct(flatten(collect_list(coalesce(_currencies, array()))))").as("_all_currencies"));
    Map<String, Column> people = Contributors.users();
    people.put("buyers", col("_currencies").isNotNull());
    return Money.settleRevenue(Contributors.counted(sums, outcomes, List.of("client", "referral_source_id", "period", "period_start"), people));
  }

  /** The rate, from the figures left after release. */
  public static Dataset<Row> withRates(Dataset<Row> released) {
    return released.withColumn("conversion_rate", Funnels.ratio("converted", "conversations_started"));
  }
}

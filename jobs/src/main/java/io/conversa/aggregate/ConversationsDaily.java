package io.conversa.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * gold.conversations_daily: what the business sent per pricing category, what Meta charges
 * (pricing.type regular), and the customer-service sessions users opened. WhatsApp keeps a
 * service window open for 24 h after the user's latest message, so a message opens a session
 * when the user's previous one to that number is more than 24 h older.
 */
public final class ConversationsDaily {
  public static final String SERVICE = "service";
  public static final String UNPRICED = "(unpriced)";
  static final long SERVICE_WINDOW_SECONDS = 24 * 3600;

  private ConversationsDaily() {}

  /**
   * @param outbound silver.outbound_messages with client, users resolved
   * @param inbound silver.messages with client, users resolved, reaching a day back before the
   *     first day to compute
   */
  public static Dataset<Row> of(Dataset<Row> outbound, Dataset<Row> inbound, int minGroupSize) {
    Dataset<Row> sent =
        outbound.select(
            col("client"),
            col("send_date").as("day"),
            coalesce(col("pricing_category"), lit(UNPRICED)).as("pricing_category"),
            col("user_id"),
            lit(1L).as("_message"),
            when(col("pricing_type").equalTo("regular"), 1L).otherwise(0L).as("_billable"),
            lit(0L).as("_session"));
    Dataset<Row> sessions =
        inbound.filter(col("type").isNull().or(col("type").notEqual("system")))
            .withColumn("_previous", lag(col("sent_at"), 1).over(
                Window.partitionBy("user_id", "phone_number_id").orderBy(col("sent_at"), col("message_key"))))
            .filter(col("_previous").isNull().or(Times.seconds("sent_at").minus(Times.seconds("_previous")).gt(SERVICE_WINDOW_SECONDS)))
            .select(
                col("client"),
                to_date(col("sent_at")).as("day"),
                lit(SERVICE).as("pricing_category"),
                col("user_id"),
                lit(0L).as("_message"),
                lit(0L).as("_billable"),
                lit(1L).as("_session"));
    Dataset<Row> sums =
        sent.unionByName(sessions)
            .groupBy("client", "day", "pricing_category")
            .agg(
                countDistinct("user_id").as("users"),
                sum("_message").as("messages"),
                sum("_billable").as("billable_messages"),
                sum("_session").as("sessions"));
    return Suppression.apply(sums, minGroupSize, Set.of("client", "day", "pricing_category"))
        .withColumn("computed_at", expr("current_timestamp()"));
  }
}

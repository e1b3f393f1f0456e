package io.conversa.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * gold.conversations before release: what each phone number sent per pricing category and period, what Meta charges
 * (pricing.type regular), and the customer-service sessions users opened. WhatsApp keeps a
 * service window open for 24 h after the user's latest message, so a message opens a session
 * when the user's previous one to that number is more than 24 h older.
 */
public final class Conversations {
  public static final String SERVICE = "service";
  public static final String UNPRICED = "(unpriced)";
  static final long SERVICE_WINDOW_SECONDS = 24 * 3600;

  private Conversations() {}

  /**
   * @param outbound silver.outbound_messages with client, users resolved
   * @param inbound silver.messages with client, users resolved, reaching a day back before the
   *     first day to compute
   */
  public static Dataset<Row> of(Dataset<Row> outbound, Dataset<Row> inbound) {
    Dataset<Row> sent =
        outbound.select(
            col("client"),
            col("phone_number_id"),
            col("local_date"),
            coalesce(col("pricing_category"), lit(UNPRICED)).as("pricing_category"),
            col("user_id"),
            lit(1L).as("_message"),
            when(col("pricing_type").equalTo("regular"), 1L).otherwise(0L).as("_billable"),
            lit(0L).as("_session"),
            col("cost").as("_message_cost"),
            col("cost_currency").as("_message_currency"));
    Dataset<Row> sessions =
        inbound.filter(col("type").isNull().or(col("type").notEqual("system")))
            .withColumn("_previous", lag(col("sent_at"), 1).over(
                Window.partitionBy("user_id", "phone_number_id").orderBy(col("sent_at"), col("message_key"))))
            .filter(col("_previous").isNull().or(Times.seconds("sent_at").minus(Times.seconds("_previous")).gt(SERVICE_WINDOW_SECONDS)))
            .select(
                col("client"),
                col("phone_number_id"),
                col("local_date"),
                lit(SERVICE).as("pricing_category"),
                col("user_id"),
                lit(0L).as("_message"),
                lit(0L).as("_billable"),
                lit(1L).as("_session"),
                lit(null).cast("decimal(18,4)").as("_message_cost"),
                lit(null).cast("string").as("_message_currency"));
    Dataset<Row> rows = Periods.each(sent.unionByName(sessions), "local_date");
    List<String> keys = List.of("client", "phone_number_id", "pricing_category", "period", "period_start");
    Dataset<Row> sums =
        rows
            .groupBy(keys.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
            .agg(
                sum("_message").as("messages"),
                sum("_billable").as("billable_messages"),
                sum("_session").as("sessions"),
                expr("cast(coalesce(sum(_message_cost), 0) as decimal(18,4))").as("_cost"),
                expr("collect_set(_message_currency)").as("_cost_currencies"));
    java.util.Map<String, org.apache.spark.sql.Column> people = Contributors.users();
    people.put("recipients", col("_message").equalTo(1L));
    people.put("session_users", col("_session").equalTo(1L));
    return Money.settleCost(Contributors.counted(sums, rows, keys, people));
  }
}

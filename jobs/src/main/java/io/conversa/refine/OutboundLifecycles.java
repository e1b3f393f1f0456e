package io.conversa.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.min;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.outbound_messages}: each message's lifecycle from its statuses. Every column is
 * the earliest (or least) value over the statuses, so lifecycles from two sets of statuses
 * combine by taking the least of each column: the merge order does not matter, and a status
 * arriving days late, or before its predecessors, lands in the same row.
 */
public final class OutboundLifecycles {
  private OutboundLifecycles() {}

  /** Message statuses of individual sends (see silver.statuses) to one lifecycle row per message. */
  public static Dataset<Row> from(Dataset<Row> statuses) {
    return statuses
        .filter(col("status_type").equalTo("message").and(col("recipient_type").notEqual("group")))
        .groupBy(col("message_id"))
        .agg(
            min("waba_id").as("waba_id"),
            min("phone_number_id").as("phone_number_id"),
            min("user_id").as("user_id"),
            min("user_country").as("user_country"),
            min("campaign").as("campaign"),
            min("template").as("template"),
            expr("min(CASE WHEN status = 'sent' THEN status_at END)").as("sent_status_at"),
            min("status_at").as("first_status_at"),
            expr("min(CASE WHEN status IN ('delivered', 'read', 'played') THEN status_at END)").as("delivered_at"),
            expr("min(CASE WHEN status IN ('read', 'played') THEN status_at END)").as("read_at"),
            expr("min(CASE WHEN status = 'failed' THEN status_at END)").as("failed_at"),
            expr("min_by(error_code, CASE WHEN status = 'failed' THEN struct(status_at, error_code) END)").as("error_code"),
            min("pricing_category").as("pricing_category"),
            min("pricing_type").as("pricing_type"));
  }

  /**
   * How a MERGE combines a stored lifecycle {@code t} with a new one {@code s}: column by column,
   * the same rule as {@link #from}.
   */
  public static Map<String, String> combine() {
    Map<String, String> set = new LinkedHashMap<>();
    for (String column :
        new String[] {
          "waba_id", "phone_number_id", "user_id", "user_country", "campaign", "template", "sent_status_at", "first_status_at",
          "delivered_at", "read_at", "failed_at", "pricing_category", "pricing_type"
        }) {
      set.put(column, "least(t." + column + ", s." + column + ")");
    }
    set.put(
        "error_code",
        "CASE WHEN s.failed_at IS NULL THEN t.error_code"
            + " WHEN t.failed_at IS NULL OR s.failed_at < t.failed_at THEN s.error_code"
            + " WHEN s.failed_at = t.failed_at THEN least(t.error_code, s.error_code)"
            + " ELSE t.error_code END");
    return set;
  }
}

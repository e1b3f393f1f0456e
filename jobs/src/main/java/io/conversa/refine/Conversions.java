package io.conversa.refine;

import static io.conversa.refine.SilverColumns.instantOf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.upper;

import io.conversa.schema.TableSchemas;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.conversions}: every signal that a user bought: order messages, captured payments
 * and Purchase automatic events. One purchase can raise several of them; gold counts it once.
 */
public final class Conversions {
  private Conversions() {}

  public static Dataset<Row> from(Dataset<Row> changes, Dataset<Row> messages, Dataset<Row> statuses) {
    Dataset<Row> orders =
        messages
            .filter(col("type").equalTo("order"))
            .select(
                concat(lit("order:"), col("message_id")).as("conversion_id"),
                lit("order").as("kind"),
                col("sent_at").as("occurred_at"),
                col("waba_id"),
                col("phone_number_id"),
                col("user_id"),
                col("message_id"),
                col("order_value").as("value"),
                col("order_currency").as("currency"),
                col("event_id"));
    Dataset<Row> payments =
        statuses
            .filter(col("status_type").equalTo("payment").and(col("status").equalTo("captured")))
            .select(
                concat(lit("payment:"), col("message_id")).as("conversion_id"),
                lit("payment").as("kind"),
                col("status_at").as("occurred_at"),
                col("waba_id"),
                col("phone_number_id"),
                col("user_id"),
                col("message_id"),
                col("payment_value").as("value"),
                col("payment_currency").as("currency"),
                col("event_id"));
    Dataset<Row> purchaseEvents =
        changes
            .filter(col("field").equalTo("automatic_events"))
            .select(col("event_id"), col("waba_id"), explode(col("value.automatic_events")).as("a"))
            .filter(col("a.event_name").equalTo("Purchase"))
            .withColumn("occurred_at", instantOf("a.timestamp"))
            .filter(col("occurred_at").isNotNull())
            .select(
                concat(lit("purchase_event:"), expr("coalesce(a.id, '')"), lit(":"), col("a.timestamp")).as("conversion_id"),
                lit("purchase_event").as("kind"),
                col("occurred_at"),
                col("waba_id"),
                lit(null).cast("string").as("phone_number_id"),
                lit(null).cast("string").as("user_id"),
                col("a.id").as("message_id"),
                // Meta sends Purchase values times 1000.
                expr("cast(cast(a.custom_data.value as decimal(28,6)) / 1000 as decimal(18,2))").as("value"),
                upper(col("a.custom_data.currency")).as("currency"),
                col("event_id"));
    Dataset<Row> all =
        orders.unionByName(payments).unionByName(purchaseEvents).withColumn("event_date", to_date(col("occurred_at")));
    return Dedup.keepFirst(all, "conversion_id", "event_id").select(columns());
  }

  static Column[] columns() {
    return Arrays.stream(TableSchemas.CONVERSIONS.columnNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}

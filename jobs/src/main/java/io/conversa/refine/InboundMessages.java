package io.conversa.refine;

import static io.conversa.refine.SilverColumns.booleanOf;
import static io.conversa.refine.SilverColumns.instantOf;
import static io.conversa.refine.SilverColumns.intOf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.conversa.schema.TableSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code silver.messages}: the users' messages, one row each, from webhook changes. */
public final class InboundMessages {
  private InboundMessages() {}

  /** Changes (see {@link WebhookChanges}) to silver.messages rows, deduplicated on message_key. */
  public static Dataset<Row> from(Dataset<Row> changes) {
    Dataset<Row> messages =
        changes
            .filter(col("field").equalTo("messages"))
            .select(
                col("event_id"),
                col("waba_id"),
                col("value.metadata.phone_number_id").as("phone_number_id"),
                explode(col("value.messages")).as("m"))
            .withColumn("sent_at", instantOf("m.timestamp"))
            .filter(col("m.id").isNotNull().and(col("sent_at").isNotNull()));
    Dataset<Row> typed =
        messages.select(
            col("m.id").as("message_id"),
            to_date(col("sent_at")).as("event_date"),
            col("sent_at"),
            col("waba_id"),
            col("phone_number_id"),
            coalesce(col("m.from"), col("m.from_user_id")).as("user_id"),
            col("m.from_country").as("user_country"),
            col("m.type").as("type"),
            col("m.interactive.type").as("interactive_type"),
            col("m.context.id").as("context_message_id"),
            when(col("m.context").isNotNull(), booleanOf("m.context.forwarded").or(booleanOf("m.context.frequently_forwarded")))
                .as("forwarded"),
            col("m.button.payload").as("button_payload"),
            coalesce(col("m.interactive.button_reply.id"), col("m.interactive.list_reply.id")).as("interactive_reply_id"),
            col("m.interactive.nfm_reply.flow_token").as("flow_token"),
            when(col("m.type").equalTo("reaction"), coalesce(col("m.reaction.emoji"), lit(""))).as("reaction_emoji"),
            col("m.referral.source_type").as("referral_source_type"),
            col("m.referral.source_id").as("referral_source_id"),
            col("m.referral.headline").as("referral_headline"),
            col("m.referral.media_type").as("referral_media_type"),
            orderValue().as("order_value"),
            orderCurrency().as("order_currency"),
            when(col("m.type").equalTo("order"), expr("size(m.`order`.product_items)")).as("order_items"),
            when(col("m.type").equalTo("unsupported"), intOf("m.errors[0].code")).as("error_code"),
            col("event_id"));
    Dataset<Row> keyed =
        typed.withColumn(
            "message_key",
            concat_ws("|", col("message_id"), coalesce(col("type"), lit("")), coalesce(col("reaction_emoji"), lit("")),
                unix_timestamp(col("sent_at")).cast("string")));
    return Dedup.keepFirst(keyed, "message_key", "event_id").select(columns());
  }

  /** Sum of item_price x quantity; prices and quantities come as strings or numbers. */
  private static org.apache.spark.sql.Column orderValue() {
    return expr(
        "CASE WHEN m.type = 'order' THEN cast(aggregate(m.`order`.product_items, cast(0 as decimal(28,6)),"
            + " (total, item) -> cast(total + cast(item.item_price as decimal(28,6)) * cast(item.quantity as decimal(28,6)) as decimal(28,6)))"
            + " as decimal(18,2)) END");
  }

  private static org.apache.spark.sql.Column orderCurrency() {
    return expr(
        "CASE WHEN m.type = 'order' AND size(array_distinct(transform(m.`order`.product_items, item -> upper(item.currency)))) = 1"
            + " THEN upper(m.`order`.product_items[0].currency) END");
  }

  static org.apache.spark.sql.Column[] columns() {
    return java.util.Arrays.stream(TableSchemas.MESSAGES.columnNames()).map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new);
  }
}

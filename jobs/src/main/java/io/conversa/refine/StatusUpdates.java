package io.conversa.refine;

import static io.conversa.refine.SilverColumns.booleanOf;
import static io.conversa.refine.SilverColumns.campaignOf;
import static io.conversa.refine.SilverColumns.instantOf;
import static io.conversa.refine.SilverColumns.intOf;
import static io.conversa.refine.SilverColumns.templateOf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.conversa.schema.TableSchemas;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.statuses}: statuses of the business's messages, once per message, stage and group
 * participant. Statuses of calls (the {@code calls} field, or {@code type: call}) are not message
 * statuses and are left out.
 */
public final class StatusUpdates {
  private StatusUpdates() {}

  public static Dataset<Row> from(Dataset<Row> changes) {
    Dataset<Row> statuses =
        changes
            .filter(col("field").equalTo("messages"))
            .select(
                col("event_id"),
                col("waba_id"),
                col("value.metadata.phone_number_id").as("phone_number_id"),
                explode(col("value.statuses")).as("s"))
            .withColumn("status_type", coalesce(lower(col("s.type")), lit("message")))
            .withColumn("status_at", instantOf("s.timestamp"))
            .filter(
                col("status_type").isin("message", "payment")
                    .and(coalesce(col("s.meta_msg_id"), col("s.id")).isNotNull())
                    .and(col("s.status").isNotNull())
                    .and(col("status_at").isNotNull()));
    Dataset<Row> typed =
        statuses.select(
            coalesce(col("s.meta_msg_id"), col("s.id")).as("message_id"),
            to_date(col("status_at")).as("event_date"),
            col("status_at"),
            col("waba_id"),
            col("phone_number_id"),
            coalesce(col("s.recipient_id"), col("s.recipient_user_id")).as("user_id"),
            col("s.recipient_id_country").as("user_country"),
            lower(col("s.status")).as("status"),
            col("status_type"),
            coalesce(lower(col("s.recipient_type")), lit("individual")).as("recipient_type"),
            coalesce(col("s.recipient_participant_id"), col("s.recipient_participant_user_id")).as("participant_id"),
            col("s.conversation.id").as("conversation_id"),
            col("s.conversation.origin.type").as("conversation_category"),
            // Meta spells one category two ways; analysts should not have to.
            expr("replace(s.pricing.category, 'authentication_international', 'authentication-international')").as("pricing_category"),
            col("s.pricing.type").as("pricing_type"),
            col("s.pricing.pricing_model").as("pricing_model"),
            when(col("s.pricing.billable").isNotNull(), booleanOf("s.pricing.billable")).as("billable"),
            intOf("s.errors[0].code").as("error_code"),
            campaignOf("s.biz_opaque_callback_data").as("campaign"),
            templateOf("s.biz_opaque_callback_data").as("template"),
            col("s.payment.reference_id").as("payment_reference_id"),
            expr("cast(cast(s.payment.amount.value as decimal(28,6)) / cast(coalesce(s.payment.amount.offset, '1') as decimal(28,6)) as decimal(18,2))")
                .as("payment_value"),
            expr("upper(s.payment.currency)").as("payment_currency"),
            col("event_id"));
    Dataset<Row> keyed =
        typed.withColumn(
            "status_key",
            concat_ws("|", col("message_id"), col("status"), col("status_type"), coalesce(col("participant_id"), lit(""))));
    return Dedup.keepFirst(keyed, "status_key", "status_at", "event_id").select(columns());
  }

  static Column[] columns() {
    return Arrays.stream(TableSchemas.STATUSES.columnNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}

package io.conversa.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;

/**
 * Bronze bodies as one row per {@code entry[].changes[]}: the unit every silver table is cut
 * from. The body is parsed once, with a schema that reads only what silver needs. Every leaf is
 * read as a string and cast later, because relays send numbers as strings and strings as
 * numbers; a leaf of the wrong type must not cost the whole body.
 */
public final class WebhookChanges {
  /** The part of a scrubbed body that silver reads. Reserved words are quoted. */
  static final DataType BODY =
      DataType.fromDDL(
          "entry ARRAY<STRUCT<id: STRING, `time`: STRING, changes: ARRAY<STRUCT<field: STRING, value: STRUCT<"
              + "metadata: STRUCT<phone_number_id: STRING>,"
              + "contacts: ARRAY<STRUCT<wa_id: STRING, user_id: STRING>>,"
              + "messages: ARRAY<STRUCT<id: STRING, `from`: STRING, from_user_id: STRING, from_country: STRING,"
              + "  `timestamp`: STRING, type: STRING,"
              + "  context: STRUCT<id: STRING, forwarded: STRING, frequently_forwarded: STRING>,"
              + "  referral: STRUCT<source_id: STRING, source_type: STRING, headline: STRING, media_type: STRING>,"
              + "  button: STRUCT<payload: STRING>,"
              + "  interactive: STRUCT<type: STRING, button_reply: STRUCT<id: STRING>, list_reply: STRUCT<id: STRING>,"
              + "    nfm_reply: STRUCT<flow_token: STRING>>,"
              + "  reaction: STRUCT<emoji: STRING>,"
              + "  `order`: STRUCT<product_items: ARRAY<STRUCT<quantity: STRING, item_price: STRING, currency: STRING>>>,"
              + "  errors: ARRAY<STRUCT<code: STRING>>>>,"
              + "statuses: ARRAY<STRUCT<id: STRING, meta_msg_id: STRING, status: STRING, `timestamp`: STRING, type: STRING,"
              + "  recipient_id: STRING, recipient_id_country: STRING, recipient_user_id: STRING, recipient_type: STRING,"
              + "  recipient_participant_id: STRING, recipient_participant_user_id: STRING, biz_opaque_callback_data: STRING,"
              + "  conversation: STRUCT<id: STRING, origin: STRUCT<type: STRING>>,"
              + "  pricing: STRUCT<billable: STRING, pricing_model: STRING, type: STRING, category: STRING>,"
              + "  errors: ARRAY<STRUCT<code: STRING>>,"
              + "  payment: STRUCT<reference_id: STRING, amount: STRUCT<value: STRING, offset: STRING>, currency: STRING>>>,"
              + "automatic_events: ARRAY<STRUCT<id: STRING, event_name: STRING, `timestamp`: STRING,"
              + "  custom_data: STRUCT<currency: STRING, value: STRING>>>"
              + ">>>>>");

  private WebhookChanges() {}

  /**
   * {@code bronze} rows (event_id, payload) to rows of event_id, waba_id, field, value. Bodies
   * without the fields silver reads are skipped before they are parsed.
   */
  public static Dataset<Row> of(Dataset<Row> bronze) {
    return bronze
        .select(col("event_id"), from_json(col("payload"), BODY, Map.of("mode", "PERMISSIVE")).as("body"))
        .select(col("event_id"), explode(col("body.entry")).as("entry"))
        .select(col("event_id"), col("entry.id").as("waba_id"), explode(col("entry.changes")).as("change"))
        .select(col("event_id"), col("waba_id"), col("change.field").as("field"), col("change.value").as("value"));
  }
}

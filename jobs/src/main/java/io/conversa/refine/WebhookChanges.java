package io.conversa.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Bronze bodies as one row per {@code entry[].changes[]}: the unit every silver table is cut
 * from. Each body is read once, by {@link ChangeReader}, into {@link #CHANGES}: only what silver
 * needs, every leaf a string, cast later, because relays send numbers as strings and strings as
 * numbers; a leaf of the wrong type must not cost the whole body.
 */
public final class WebhookChanges {
  /**
   * The one model of the body that silver reads: a change's {@code value}. {@code
   * WebhookModelTest} checks that the payload rules keep every member of it and that
   * schemas/webhook/log-line.schema.json describes each. Reserved words are quoted.
   */
  public static final StructType VALUE = (StructType) DataType.fromDDL("STRUCT<"
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
          + "  custom_data: STRUCT<currency: STRING, value: STRING>>>>");

  /** A body's changes, each with its entry's id. */
  public static final ArrayType CHANGES = DataTypes.createArrayType(new StructType(new StructField[] {
      DataTypes.createStructField("waba_id", DataTypes.StringType, true),
      DataTypes.createStructField("field", DataTypes.StringType, true),
      DataTypes.createStructField("value", VALUE, true)}));

  private static final StructType READ = new StructType(new StructField[] {
      DataTypes.createStructField("event_id", DataTypes.StringType, false),
      DataTypes.createStructField("changes", CHANGES, false)});

  private WebhookChanges() {}

  /**
   * {@code bronze} rows (event_id, payload) to rows of event_id, waba_id, field, value. The
   * payloads are read in Spark's internal form, straight from the scan: {@code from_json} took a
   * fifth of refine's CPU, and a Java UDF would convert every nested row to an external Row and
   * back.
   */
  public static Dataset<Row> of(Dataset<Row> bronze) {
    ChangeReader reader = new ChangeReader(CHANGES);
    JavaRDD<InternalRow> read = bronze.select("event_id", "payload").queryExecution().toRdd().toJavaRDD()
        .map(row -> new GenericInternalRow(new Object[] {row.getUTF8String(0).clone(), reader.read(row.getUTF8String(1).getBytes())}));
    return bronze.sparkSession().internalCreateDataFrame(read.rdd(), READ, false)
        .select(col("event_id"), explode(col("changes")).as("change"))
        .select(col("event_id"), col("change.waba_id").as("waba_id"), col("change.field").as("field"), col("change.value").as("value"));
  }
}

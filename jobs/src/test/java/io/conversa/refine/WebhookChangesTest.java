package io.conversa.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.ingest.LineClassifier;
import io.conversa.ingest.LineVerdict;
import io.conversa.ingest.SignatureVerifier;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.PayloadScrubber;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.testing.DataFrameAssertions;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.WebhookLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookChanges} reads bodies with {@link ChangeReader} instead of {@code from_json}:
 * on every body of the reference, awkward bodies and (where it is at hand) the public corpus,
 * scrubbed by the real classifier, both give the same rows.
 */
class WebhookChangesTest {
  private static final String WABA = "\"id\":\"100200300\"";
  /** Numbers where strings are expected, floats with trailing zeros, booleans, repeated keys, nulls, shapes that do not fit. */
  private static final List<String> AWKWARD_BODIES = List.of(
      "{\"object\":\"whatsapp_business_account\",\"entry\":[{" + WABA + ",\"changes\":[{\"field\":\"messages\",\"value\":{"
          + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"200300400\"},"
          + "\"contacts\":[{\"profile\":{\"name\":\"Ana\"},\"wa_id\":\"5511987650001\"}],"
          + "\"messages\":[{\"from\":\"5511987650001\",\"id\":\"wamid.ORDER1\",\"timestamp\":1767225600,\"type\":\"order\",\"order\":{"
          + "\"catalog_id\":\"c1\",\"product_items\":[{\"product_retailer_id\":\"sku1\",\"quantity\":2,\"item_price\":19.90,\"currency\":\"BRL\"},"
          + "{\"product_retailer_id\":\"sku2\",\"quantity\":\"1\",\"item_price\":\"5.50\",\"currency\":\"BRL\"}]}}]}}]}]}",
      "{\"object\":\"whatsapp_business_account\",\"entry\":[{" + WABA + ",\"changes\":[{\"field\":\"messages\",\"value\":{"
          + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"200300400\"},"
          + "\"statuses\":[{\"id\":\"wamid.OUT1\",\"status\":\"sent\",\"status\":\"delivered\",\"timestamp\":\"1767225700\","
          + "\"recipient_id\":\"5511987650002\",\"conversation\":{\"id\":\"conv1\",\"origin\":{\"type\":\"marketing\"}},"
          + "\"pricing\":{\"billable\":true,\"pricing_model\":\"CBP\",\"category\":\"marketing\"},"
          + "\"biz_opaque_callback_data\":\"{\\\"campaign\\\":\\\"natal\\\"}\",\"mystery\":{\"deep\":[1,2]}},null]}}]}]}",
      "{\"object\":\"whatsapp_business_account\",\"entry\":[{" + WABA + "},null,{\"changes\":[null,{\"field\":\"messages\",\"value\":{"
          + "\"messages\":[{\"from\":\"5511987650003\",\"id\":\"wamid.IN3\",\"timestamp\":1767225800,\"type\":\"text\",\"text\":{\"body\":\"oi\"},"
          + "\"context\":{\"forwarded\":true,\"frequently_forwarded\":false}}]}}]}]}",
      "{\"object\":\"whatsapp_business_account\",\"entry\":[{" + WABA + ",\"changes\":[{\"field\":\"messages\",\"value\":{"
          + "\"metadata\":{\"phone_number_id\":[\"200300400\"]},"
          + "\"automatic_events\":[{\"id\":\"ae1\",\"event_name\":\"purchase\",\"timestamp\":1767225900,"
          + "\"custom_data\":{\"currency\":\"BRL\",\"value\":49.90}}]}}]}]}");
  private static final StructType BRONZE = new StructType(new StructField[] {
      DataTypes.createStructField("event_id", DataTypes.StringType, false),
      DataTypes.createStructField("payload", DataTypes.StringType, false)});

  @Test
  void readsEveryBodyAsFromJsonWould() {
    List<String> bodies = new ArrayList<>(WebhookLogs.everyTypeBodies());
    bodies.addAll(AWKWARD_BODIES);
    bodies.addAll(corpus());
    KeyRing ring = KeyRing.parse(KeyRing.generateText("k1"), "test");
    LineClassifier classifier = new LineClassifier(new PayloadScrubber(new Pseudonymizer(ring.primary())), new SignatureVerifier(null, false), 1 << 20);
    List<Row> rows = new ArrayList<>();
    for (String body : bodies) {
      byte[] line = body.getBytes(StandardCharsets.UTF_8);
      if (classifier.classify(line, line.length) instanceof LineVerdict.Event event) {
        rows.add(RowFactory.create(event.eventId(), event.payload()));
      }
    }
    rows.add(RowFactory.create("not-json", "{\"object\":\"whatsapp_business_account\",\"entry\":[{"));
    SparkSession spark = SharedSpark.session();
    Dataset<Row> bronze = spark.createDataFrame(rows, BRONZE);

    Dataset<Row> read = WebhookChanges.of(bronze).cache();
    DataFrameAssertions.assertSameRows(byFromJson(bronze), read);
    assertTrue(read.count() > bodies.size() - 10, read.count() + " changes from " + bodies.size() + " bodies");
    assertEquals(1, read.filter("value.messages[0].order.product_items[0].item_price = '19.9'").count(),
        "a float price reads as from_json reads it");
    assertEquals(1, read.filter("value.statuses[0].status = 'delivered' and value.statuses[0].pricing.billable = 'true' and size(value.statuses) = 2 and value.statuses[1] is null").count(),
        "the last of a repeated key wins; a boolean reads as its JSON text");
    assertEquals(1, read.filter("value.metadata.phone_number_id is null and size(value.automatic_events) = 1").count(),
        "a member of another shape is null, and costs nothing else of the body");
    assertEquals(1, read.filter("field is null and waba_id is null").count(), "a null change of an entry without id is one row, as explode makes it");
    assertEquals(0, read.filter("event_id = 'not-json'").count());
    read.unpersist();
  }

  /** What refine did before: {@code from_json} with the same type, then two explodes. */
  private static Dataset<Row> byFromJson(Dataset<Row> bronze) {
    StructType entry = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.StringType, true),
        DataTypes.createStructField("changes", DataTypes.createArrayType(new StructType(new StructField[] {
            DataTypes.createStructField("field", DataTypes.StringType, true),
            DataTypes.createStructField("value", WebhookChanges.VALUE, true)})), true)});
    StructType body = new StructType(new StructField[] {DataTypes.createStructField("entry", DataTypes.createArrayType(entry), true)});
    return bronze
        .select(col("event_id"), from_json(col("payload"), body, Map.of("mode", "PERMISSIVE")).as("body"))
        .select(col("event_id"), explode(col("body.entry")).as("entry"))
        .select(col("event_id"), col("entry.id").as("waba_id"), explode(col("entry.changes")).as("change"))
        .select(col("event_id"), col("waba_id"), col("change.field").as("field"), col("change.value").as("value"));
  }

  /** The public example payloads of ../shared/webhook-corpus, where this checkout has them. */
  private static List<String> corpus() {
    Path corpus = Path.of(System.getProperty("conversa.corpus", "../shared/webhook-corpus"));
    return Files.isDirectory(corpus) ? WebhookLogs.corpusBodies(corpus) : List.of();
  }
}

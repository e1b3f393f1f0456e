package io.conversa.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchemas;
import io.conversa.testing.CliRun;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import io.conversa.testing.WebhookLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signature boundary, tried as an attacker would: real signed orders copied, repriced to
 * 99,999 and 88,888 under new message ids, and logged unsigned (as raw bodies and as envelopes
 * whose X-Hub-Signature-256 was stripped). With the app secret they are quarantined as
 * {@code unsigned} and change no silver or gold figure; the same lines under
 * {@code --accept-unsigned} do reach silver, so the fixture is a real attack, not a dud.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnsignedLinesIT {
  private static final byte[] SECRET = TestKeys.APP_SECRET.getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double[] FORGED_PRICES = {99_999.0, 88_888.0};
  private static final List<String> PLANTED = List.of("5511987654321", "98765-4321", "maria.silva@example.com", "Maria Silva",
      "BR.1234ABCDEF5678", "1234ABCDEF5678");

  @TempDir static Path dir;
  private SparkSession spark;
  private Path logs;
  private Path keyFile;
  private Path secretFile;
  private String lake;
  private CliRun run;
  private long unsignedLines;

  @BeforeAll
  void runWithTheSecretOverForgedUnsignedOrders() throws IOException {
    spark = SharedSpark.session();
    logs = dir.resolve("logs");
    keyFile = TestKeys.keyFile(dir, "u1");
    secretFile = TestKeys.appSecretFile(dir);
    GeneratorSettings defaults = GeneratorSettings.defaults(2_000, SECRET);
    // Plain files, 80 % signed envelopes: the other 20 % are raw bodies, unsigned like the forgeries.
    GeneratorSettings settings =
        new GeneratorSettings(2_000, 2, 2, 200, 2, defaults.start(), 10, 11L, 3, 2, 0.0, 0.02, 0.2, 0.0, 0.8, 0.0, SECRET);
    LogGenerator.generate(spark, settings, logs.resolve("generated").toString());
    List<byte[]> forged = new ArrayList<>();
    List<String> orders = signedOrderBodies(logs.resolve("generated"));
    assertTrue(orders.size() >= 2, "the generated logs hold signed orders to copy: " + orders.size());
    for (int i = 0; i < FORGED_PRICES.length; i++) {
      String body = repriced(orders.get(i), "wamid.FORGED" + i, FORGED_PRICES[i]);
      forged.add(WebhookLogs.utf8(body));
      forged.add(WebhookLogs.utf8(WebhookLogs.envelope(body, receivedAt(body), null)));
    }
    WebhookLogs.write(logs.resolve("attack/forged.jsonl"), forged);
    // Signed, so they land: identifiers planted where no rule names them.
    String planted = planted(signedBodies(logs.resolve("generated"), "\"biz_opaque_callback_data\"").get(0));
    WebhookLogs.write(logs.resolve("planted/planted.jsonl"), List.of(WebhookLogs.utf8(WebhookLogs.envelope(planted, receivedAt(planted), SECRET))));
    unsignedLines = rawLines(logs) ;
    lake = dir.resolve("lake").toString();
    run = CliRun.of("run", "--input", logs.toString(), "--lake", lake, "--key-file", keyFile.toString(),
        "--app-secret-file", secretFile.toString(), "--min-group-size", "1", "--master", "local[2]");
    assertEquals(0, run.exitCode(), run.all());
  }

  @Test
  void everyUnsignedLineIsQuarantinedAsUnsigned() {
    Lake theLake = new Lake(spark, lake);
    long quarantined = theLake.read(TableSchemas.QUARANTINE).filter("reason = 'unsigned'").count();
    assertEquals(unsignedLines, quarantined, "raw bodies and header-less envelopes");
    assertEquals(0, theLake.read(TableSchemas.WEBHOOK_EVENTS).filter("signature <> 'valid'").count(),
        "with a secret and no --accept-unsigned, bronze holds verified bodies only");
    assertTrue(run.out().contains("unsigned="), run.out());
  }

  @Test
  void forgedOrdersChangeNoSilverOrGoldFigure() {
    Lake theLake = new Lake(spark, lake);
    assertEquals(0, theLake.read(TableSchemas.CONVERSIONS).filter("value >= 88888").count(), "no forged order in silver");
    assertTrue(theLake.read(TableSchemas.CONVERSIONS).filter("kind = 'order'").count() > 0, "the signed orders are there");
    for (var table : List.of(TableSchemas.CAMPAIGN_FUNNEL, TableSchemas.NUMBER_FUNNEL)) {
      Row max = theLake.read(table).selectExpr("max(revenue)").first();
      assertTrue(max.isNullAt(0) || max.getDecimal(0).doubleValue() < 88_888, table.qualifiedName() + " revenue " + max);
    }
  }

  @Test
  void theSameLinesAcceptedUnsignedDoReachSilver() {
    String trusting = dir.resolve("lake-trusting").toString();
    CliRun ingest = CliRun.of("ingest", "--input", logs.resolve("attack").toString(), "--lake", trusting,
        "--key-file", keyFile.toString(), "--app-secret-file", secretFile.toString(), "--accept-unsigned", "--master", "local[2]");
    assertEquals(0, ingest.exitCode(), ingest.all());
    assertTrue(ingest.out().contains("unsigned lines accepted (--accept-unsigned)"), ingest.out());
    CliRun refine = CliRun.of("refine", "--lake", trusting, "--key-file", keyFile.toString(), "--master", "local[2]");
    assertEquals(0, refine.exitCode(), refine.all());
    Lake theLake = new Lake(spark, trusting);
    assertEquals(0, theLake.read(TableSchemas.QUARANTINE).count());
    assertEquals(FORGED_PRICES.length, theLake.read(TableSchemas.CONVERSIONS).filter("value >= 88888").count(),
        "accepted, the forgeries would be orders");
    assertEquals(FORGED_PRICES.length, theLake.read(TableSchemas.WEBHOOK_EVENTS).filter("signature = 'absent'").count(),
        "bronze records the trust decision (each forged body once: the raw line and its envelope are one body)");
  }

  @Test
  void aKeyTheLakeWasNotBuiltWithIsRefusedAndChangesNothing() throws IOException {
    long events = new Lake(spark, lake).read(TableSchemas.WEBHOOK_EVENTS).count();
    Path otherKey = TestKeys.keyFile(dir, "u2");
    CliRun wrong = CliRun.of("run", "--input", logs.toString(), "--lake", lake, "--key-file", otherKey.toString(),
        "--app-secret-file", secretFile.toString(), "--reprocess", "--master", "local[2]");
    assertEquals(2, wrong.exitCode(), wrong.all());
    assertTrue(wrong.err().contains("holds none of the keys lake"), wrong.err());
    assertFalse(wrong.out().contains("ingest: reading"), "refused before reading a line: " + wrong.out());
    assertEquals(events, new Lake(spark, lake).read(TableSchemas.WEBHOOK_EVENTS).count());
    String recorded = Files.readString(dir.resolve("lake/_conversa/keys.json"));
    assertTrue(recorded.contains("\"u1\""), recorded);
    assertFalse(recorded.contains("u2") || recorded.contains(Files.readString(keyFile).lines().filter(l -> l.startsWith("u1:")).findFirst().orElseThrow().substring(3)),
        "check values only, never a key: " + recorded);
  }

  @Test
  void plantedIdentifiersReachNoTableDeltaLogOrOutput() throws IOException {
    Lake theLake = new Lake(spark, lake);
    StringBuilder everything = new StringBuilder(run.all());
    for (var table : io.conversa.aggregate.GoldTables.lakeTables()) {
      if (theLake.exists(table)) {
        everything.append(io.conversa.testing.PrivacyScan.stringColumns(theLake.read(table)));
      }
    }
    try (Stream<Path> files = Files.walk(dir.resolve("lake"))) {
      for (Path log : files.filter(f -> f.toString().contains("_delta_log") && f.toString().endsWith(".json")).toList()) {
        everything.append(Files.readString(log)); // min/max statistics of every column
      }
    }
    String text = everything.toString();
    for (String identifier : PLANTED) {
      assertFalse(text.contains(identifier), identifier + " reached a table, a Delta log or the output");
    }
    assertEquals(1, theLake.read(TableSchemas.OUTBOUND_MESSAGES).filter("campaign = 'promo-[number]'").count(),
        "the planted status still lands, its campaign redacted");
    assertTrue(run.out().contains("identifiers redacted in"), "the summary counts redactions: " + run.out());
    Row check = theLake.read(TableSchemas.QUALITY_CHECKS).filter("check_name = 'no_identifiers_in_kept_values'").orderBy(functions.desc("run_at")).first();
    assertFalse(check.getBoolean(check.fieldIndex("passed")), "gold.quality_checks names the body that carried identifiers");
    assertEquals(1, check.getLong(check.fieldIndex("violations")), "one body, the planted one");
  }

  @Test
  void aLakeBuiltWithPseudonymsSharedByAllBusinessesIsRefused() throws IOException {
    Path old = dir.resolve("lake-before-per-business");
    Files.createDirectories(old.resolve("_conversa"));
    Files.writeString(old.resolve("_conversa/keys.json"), "{\"keys\": [{\"id\": \"u1\", \"check\": \"0\"}]}");
    CliRun refused = CliRun.of("ingest", "--input", logs.resolve("attack").toString(), "--lake", old.toString(), "--key-file", keyFile.toString(),
        "--app-secret-file", secretFile.toString(), "--master", "local[2]");
    assertEquals(2, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains("one pseudonym for every business") && refused.err().contains("Upgrading a lake"), refused.err());
    assertFalse(Files.exists(old.resolve("bronze")), "nothing written");
  }

  /** A minute after the body's latest timestamp, as a webhook logger would have received it. */
  private static String receivedAt(String body) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"timestamp\":\"?(\\d+)").matcher(body);
    long latest = 0;
    while (m.find()) {
      latest = Math.max(latest, Long.parseLong(m.group(1)));
    }
    return java.time.Instant.ofEpochSecond(latest + 60).toString();
  }

  /** The status body with identifiers planted in its callback data, under unknown keys and as a key. */
  private static String planted(String body) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(body);
    for (JsonNode entry : root.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        for (JsonNode status : change.path("value").path("statuses")) {
          if (status.has("biz_opaque_callback_data")) {
            ObjectNode s = (ObjectNode) status;
            s.put("id", "wamid.PLANTED");
            s.put("biz_opaque_callback_data", "{\"campaign\":\"promo-5511987654321\",\"customer_email\":\"maria.silva@example.com\"}");
            s.put("customer_phone", "+55 11 98765-4321");
            s.put("msisdn", "5511987654321");
            s.put("display_name", "Maria Silva");
            s.put("bsuid", "BR.1234ABCDEF5678");
            s.putObject("5511987654321").put("opted_in", true);
            s.putArray("errors").addObject().put("code", 131026).put("title", "Undeliverable to maria.silva@example.com");
            return JSON.writeValueAsString(root);
          }
        }
      }
    }
    throw new IllegalStateException("no status with callback data");
  }

  /** Bodies of signed envelope lines that carry an inbound order. */
  private static List<String> signedOrderBodies(Path folder) throws IOException {
    return signedBodies(folder, "\"type\":\"order\"");
  }

  /** Bodies of signed envelope lines that contain {@code marker}. */
  private static List<String> signedBodies(Path folder, String marker) throws IOException {
    List<String> bodies = new ArrayList<>();
    for (Path file : files(folder)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.startsWith("{\"received_at\"") || !line.contains("X-Hub-Signature-256")) {
          continue;
        }
        JsonNode envelope = readOrNull(line);
        if (envelope != null && envelope.path("body").asText().contains(marker)) {
          bodies.add(envelope.path("body").asText());
        }
      }
    }
    return bodies;
  }

  /** The order under a new message id, every item at {@code price}. */
  private static String repriced(String body, String messageId, double price) throws IOException {
    JsonNode root = JSON.readTree(body);
    for (JsonNode entry : root.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        for (JsonNode message : change.path("value").path("messages")) {
          if ("order".equals(message.path("type").asText())) {
            ((ObjectNode) message).put("id", messageId);
            for (JsonNode item : message.path("order").path("product_items")) {
              ((ObjectNode) item).put("item_price", price).put("quantity", "1");
            }
          }
        }
      }
    }
    return JSON.writeValueAsString(root);
  }

  /** Lines that are a raw body or an envelope without a signature header: unsigned lines. */
  private static long rawLines(Path folder) throws IOException {
    long n = 0;
    for (Path file : files(folder)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        JsonNode node = readOrNull(line);
        if (node == null || !node.isObject()) {
          continue;
        }
        boolean raw = "whatsapp_business_account".equals(node.path("object").asText()) && node.path("entry").isArray();
        boolean headerless = node.has("body") && node.path("body").isTextual() && !line.contains("X-Hub-Signature-256")
            && isWebhook(node.path("body").asText());
        if (raw || headerless) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean isWebhook(String body) {
    JsonNode node = readOrNull(body);
    return node != null && "whatsapp_business_account".equals(node.path("object").asText()) && node.path("entry").isArray();
  }

  private static JsonNode readOrNull(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
  }
}

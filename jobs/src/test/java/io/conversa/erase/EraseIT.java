package io.conversa.erase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.lake.Lake;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import io.conversa.testing.CliRun;
import io.conversa.testing.DataFrameAssertions;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import io.conversa.testing.WebhookLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data-subject request on logs the project generated for it: one person, known by the phone
 * number their messages came from, is erased from a lake built by `run`; everyone else stays,
 * gold is what a full recomputation gives, no earlier version reads back, and the same logs
 * ingested again do not bring them back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EraseIT {
  /** A customer's message (not an echo of the business's own, whose "from" is the business). */
  private static final Pattern SENDER = Pattern.compile("\"messages\":\\[\\{\"from\":\"(\\d{10,15})\"");
  @TempDir static Path dir;
  private SparkSession spark;
  private Path logs;
  private String key;
  private String lake;
  private String phone;
  private Set<String> pseudonyms;
  private Map<String, Long> rowsBefore;
  private Map<String, Long> versionsBefore;
  private CliRun dryRun;
  private CliRun erase;

  @BeforeAll
  void buildALakeThenEraseOnePerson() throws IOException {
    spark = SharedSpark.session();
    logs = dir.resolve("logs");
    GeneratorSettings settings = GeneratorSettings.defaults(1_500, TestKeys.APP_SECRET.getBytes(StandardCharsets.UTF_8)).withEnvelopeShare(0.0);
    LogGenerator.generate(spark, settings, logs.resolve("generated").toString());
    phone = busiestSender(logs.resolve("generated"));
    // Their number in a line that cannot be ingested: the quarantine holds it, sealed.
    WebhookLogs.write(logs.resolve("broken/broken.jsonl"), List.of(
        WebhookLogs.utf8("{\"from\":\"" + phone + "\", cut off"), WebhookLogs.utf8("{\"from\":\"5500000000000\", cut off")));
    key = TestKeys.keyFile(dir, "e1").toString();
    lake = dir.resolve("lake").toString();
    CliRun run = CliRun.of("run", "--input", logs.toString(), "--lake", lake, "--key-file", key, "--min-group-size", "1", "--master", "local[2]");
    assertEquals(0, run.exitCode(), run.all());
    KeyRing ring = KeyRing.read(Path.of(key));
    Lake theLake = new Lake(spark, lake);
    pseudonyms = new HashSet<>();
    for (String business : ErasureSubjects.businesses(theLake)) {
      pseudonyms.add(new Pseudonymizer(ring.primary()).pseudonym(phone, business));
    }
    // Silver knows people by their business-scoped id where Meta sent one: the ids seen with the number.
    for (Row link : theLake.read(TableSchemas.USER_LINKS).collectAsList()) {
      if (pseudonyms.contains(link.<String>getAs("phone_user_id"))) {
        pseudonyms.add(link.getAs("bsuid_user_id"));
      }
    }
    rowsBefore = new HashMap<>();
    versionsBefore = new HashMap<>();
    for (TableSchema table : List.of(TableSchemas.MESSAGES, TableSchemas.OUTBOUND_MESSAGES, TableSchemas.WEBHOOK_EVENTS, TableSchemas.QUARANTINE)) {
      rowsBefore.put(table.qualifiedName(), theLake.read(table).count());
      versionsBefore.put(table.qualifiedName(), io.conversa.lake.DeltaMetrics.currentVersion(theLake.table(table)));
    }
    assertTrue(held(theLake, TableSchemas.MESSAGES, "user_id") > 0, "the person is in silver before: " + phone);
    dryRun = CliRun.of("erase", "--phone", "+" + phone, "--lake", lake, "--key-file", key, "--min-group-size", "1", "--dry-run", "--master", "local[2]");
    assertEquals(0, dryRun.exitCode(), dryRun.all());
    // A data-subject request does not depend on the operator remembering the rules: gold.releases has them.
    CliRun otherRules = CliRun.of("erase", "--phone", "+" + phone, "--lake", lake, "--key-file", key, "--min-group-size", "3", "--master", "local[2]");
    assertEquals(2, otherRules.exitCode(), otherRules.all());
    assertTrue(otherRules.err().contains("--min-group-size 3 disagrees with gold, which was released with 1"), otherRules.err());
    erase = CliRun.of("erase", "--phone", "+" + phone, "--lake", lake, "--key-file", key, "--master", "local[2]");
    assertEquals(0, erase.exitCode(), erase.all());
  }

  @Test
  @Order(1)
  void theDryRunCountedWhatTheEraseRemovedAndChangedNothing() {
    String counted = dryRun.out().replaceAll(".*would remove ", "").replaceAll(" \\(.*", "").strip();
    String removed = erase.out().replaceAll(".*; removed ", "").replaceAll("; gold:.*", "").strip();
    assertEquals(counted, removed, dryRun.out() + "\n" + erase.out());
  }

  @Test
  @Order(2)
  void silverHoldsNothingOfThemAndEveryoneElseStays() {
    Lake theLake = new Lake(spark, lake);
    assertEquals(0, held(theLake, TableSchemas.MESSAGES, "user_id"));
    assertEquals(0, held(theLake, TableSchemas.OUTBOUND_MESSAGES, "user_id"));
    assertEquals(0, held(theLake, TableSchemas.STATUSES, "user_id"));
    assertEquals(0, held(theLake, TableSchemas.CONVERSIONS, "user_id"));
    long messages = theLake.read(TableSchemas.MESSAGES).count();
    assertTrue(messages > 0 && messages < rowsBefore.get("silver.messages"), "others' messages stay: " + messages);
    for (Row body : theLake.read(TableSchemas.WEBHOOK_EVENTS).select("payload").collectAsList()) {
      for (String pseudonym : pseudonyms) {
        assertFalse(body.getString(0).contains(pseudonym), "a bronze body still names them");
      }
    }
  }

  @Test
  @Order(3)
  void theirQuarantinedLineIsGoneAndTheOtherStays() {
    Lake theLake = new Lake(spark, lake);
    // The generator's truncated lines may hold their number too: at least the planted one went.
    assertTrue(theLake.read(TableSchemas.QUARANTINE).count() < rowsBefore.get("bronze.quarantine"));
    assertEquals(1, theLake.read(TableSchemas.QUARANTINE).filter("source_file like '%broken.jsonl'").count(), "the other person's line stays");
  }

  @Test
  @Order(4)
  void noEarlierVersionReadsBackAndNoLogOrReceiptNamesThem() throws IOException {
    Lake theLake = new Lake(spark, lake);
    for (TableSchema table : List.of(TableSchemas.MESSAGES, TableSchemas.OUTBOUND_MESSAGES, TableSchemas.WEBHOOK_EVENTS, TableSchemas.QUARANTINE)) {
      long before = versionsBefore.get(table.qualifiedName());
      assertThrows(Exception.class,
          () -> spark.read().format("delta").option("versionAsOf", before).load(theLake.path(table)).collectAsList(),
          table.qualifiedName() + " as it was before the erase still reads");
    }
    try (Stream<Path> files = Files.walk(dir.resolve("lake/silver"))) {
      assertEquals(List.of(), files.filter(f -> f.toString().contains("_change_data") && f.toString().endsWith(".parquet")).toList(),
          "change data of the deleted rows is gone too");
    }
    StringBuilder everything = new StringBuilder(erase.all()).append(dryRun.all());
    try (Stream<Path> files = Files.walk(dir.resolve("lake"))) {
      for (Path log : files.filter(f -> f.toString().contains("_delta_log") && f.toString().endsWith(".json")).toList()) {
        everything.append(Files.readString(log));
      }
    }
    String text = everything.toString();
    assertFalse(text.contains(phone), "the number reached a log or the receipt");
    for (String pseudonym : pseudonyms) {
      assertFalse(text.contains(pseudonym), "a pseudonym reached a Delta log (statistics, predicates) or the receipt");
    }
  }

  @Test
  @Order(5)
  void goldIsWhatAFullRecomputationGives() {
    Lake theLake = new Lake(spark, lake);
    Dataset<Row> incremental = local(theLake.read(TableSchemas.CAMPAIGN_FUNNEL).drop("computed_at"));
    Dataset<Row> numbers = local(theLake.read(TableSchemas.NUMBER_FUNNEL).drop("computed_at"));
    assertTrue(erase.out().contains("gold: aggregate"), erase.out());
    CliRun full = CliRun.of("aggregate", "--full", "--lake", lake, "--key-file", key, "--min-group-size", "1", "--master", "local[2]");
    assertEquals(0, full.exitCode(), full.all());
    DataFrameAssertions.assertSameRows(local(theLake.read(TableSchemas.CAMPAIGN_FUNNEL).drop("computed_at")), incremental);
    DataFrameAssertions.assertSameRows(local(theLake.read(TableSchemas.NUMBER_FUNNEL).drop("computed_at")), numbers);
  }

  @Test
  @Order(6)
  void theSameLogsIngestedAgainDoNotBringThemBack() {
    CliRun again = CliRun.of("run", "--input", logs.toString(), "--lake", lake, "--key-file", key, "--min-group-size", "1", "--reprocess",
        "--master", "local[2]");
    assertEquals(0, again.exitCode(), again.all());
    Lake theLake = new Lake(spark, lake);
    assertEquals(0, held(theLake, TableSchemas.MESSAGES, "user_id"));
    assertEquals(0, held(theLake, TableSchemas.OUTBOUND_MESSAGES, "user_id"));
    assertEquals(1, theLake.read(TableSchemas.QUARANTINE).filter("source_file like '%broken.jsonl'").count(), "their line is not quarantined anew");
  }

  @Test
  @Order(7)
  void maintainDropsOnlyBronzeBodiesPastTheirRetentionAndLeavesEveryTableCheckpointed() throws IOException {
    Lake theLake = new Lake(spark, lake);
    // The generated events span two weeks: keep the second one, whatever day the test runs.
    java.time.LocalDate keepFrom = java.time.LocalDate.parse("2026-11-16");
    long days = java.time.temporal.ChronoUnit.DAYS.between(keepFrom, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    long expired = theLake.read(TableSchemas.WEBHOOK_EVENTS).filter("event_date < date'2026-11-16'").count();
    long kept = theLake.read(TableSchemas.WEBHOOK_EVENTS).filter("event_date >= date'2026-11-16' or event_date is null").count();
    Map<String, Long> silverRows = new HashMap<>();
    for (TableSchema table : List.of(TableSchemas.MESSAGES, TableSchemas.STATUSES, TableSchemas.OUTBOUND_MESSAGES, TableSchemas.CAMPAIGN_FUNNEL)) {
      silverRows.put(table.qualifiedName(), theLake.read(table).count());
    }
    assertTrue(expired > 0 && kept > 0, expired + " / " + kept);
    long bronzeVersion = io.conversa.lake.DeltaMetrics.currentVersion(theLake.table(TableSchemas.WEBHOOK_EVENTS));

    CliRun dry = CliRun.of("maintain", "--lake", lake, "--bronze-retention", days + "d", "--dry-run", "--master", "local[2]");
    assertEquals(0, dry.exitCode(), dry.all());
    assertTrue(dry.out().contains(String.format(java.util.Locale.ROOT, "would remove %,d bronze bodies", expired)), dry.out());
    assertEquals(bronzeVersion, io.conversa.lake.DeltaMetrics.currentVersion(theLake.table(TableSchemas.WEBHOOK_EVENTS)), "a dry run writes nothing");

    CliRun maintain = CliRun.of("maintain", "--lake", lake, "--bronze-retention", days + "d", "--master", "local[2]");
    assertEquals(0, maintain.exitCode(), maintain.all());
    assertTrue(maintain.out().contains(String.format(java.util.Locale.ROOT, "removed %,d bronze bodies", expired)), maintain.out());
    assertEquals(0, theLake.read(TableSchemas.WEBHOOK_EVENTS).filter("event_date < date'2026-11-16'").count());
    assertEquals(kept, theLake.read(TableSchemas.WEBHOOK_EVENTS).count());
    silverRows.forEach((table, rows) -> assertEquals(rows, theLake.read(io.conversa.aggregate.GoldTables.lakeTables().stream()
        .filter(t -> t.qualifiedName().equals(table)).findFirst().orElseThrow()).count(), table + " keeps its rows"));
    for (TableSchema table : io.conversa.aggregate.GoldTables.lakeTables()) {
      if (theLake.exists(table)) {
        org.apache.hadoop.fs.Path checkpoint = new org.apache.hadoop.fs.Path(theLake.path(table) + "/_delta_log/_last_checkpoint");
        assertTrue(checkpoint.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(checkpoint), table.qualifiedName() + " has a checkpoint");
      }
    }
    assertTrue(maintain.err().contains("bronze.webhook_events"), "the footprint per table goes to the progress stream: " + maintain.err());
  }

  private long held(Lake theLake, TableSchema table, String column) {
    Dataset<Row> ids = spark.createDataset(List.copyOf(pseudonyms), Encoders.STRING()).toDF("pseudonym");
    Dataset<Row> rows = theLake.read(table);
    return rows.join(ids, rows.col(column).equalTo(ids.col("pseudonym")), "left_semi").count();
  }

  private Dataset<Row> local(Dataset<Row> table) {
    return spark.createDataFrame(table.collectAsList(), table.schema());
  }

  /** The customer who sent the most messages in the generated logs. */
  private static String busiestSender(Path folder) throws IOException {
    Map<String, Integer> counts = new HashMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
        // The generator's junk lines include bytes that are not UTF-8: decode leniently.
        Matcher m = SENDER.matcher(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        while (m.find()) {
          counts.merge(m.group(1), 1, Integer::sum);
        }
      }
    }
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }
}

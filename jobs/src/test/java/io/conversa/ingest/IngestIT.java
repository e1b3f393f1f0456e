package io.conversa.ingest;

import static io.conversa.testing.DataFrameAssertions.assertSameRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.lake.DeltaMetrics;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import io.conversa.testing.CliRun;
import io.conversa.testing.InputIdentifiers;
import io.conversa.testing.LogCapture;
import io.conversa.testing.PrivacyScan;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import io.conversa.testing.WebhookLogs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
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
 * {@code conversa ingest} end to end on a real lake: generated logs with faults plus hand-made
 * files whose every line is known, run through the CLI as a user would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestIT {
  private static final byte[] SECRET = TestKeys.APP_SECRET.getBytes(StandardCharsets.UTF_8);
  private static final Pattern DIGIT_RUNS = Pattern.compile("\\d{8,}");
  private static final String NAMED_PHONE = "5511987654329";
  private static final String NAMED_EMAIL = "ana.souza@example.com";

  @TempDir static Path dir;
  private SparkSession spark;
  private Path logs;
  private Path keyFile;
  private Path secretFile;
  private String lake;
  private CliRun firstRun;
  private String firstLog;
  private List<String> handMadeBodies;
  private long handMadeLines;

  @BeforeAll
  void ingestOnce() {
    spark = SharedSpark.session();
    logs = dir.resolve("logs");
    keyFile = TestKeys.keyFile(dir, "k1");
    secretFile = TestKeys.appSecretFile(dir);
    lake = dir.resolve("lake").toString();
    handMadeBodies = WebhookLogs.everyTypeBodies();

    List<byte[]> first = new ArrayList<>();
    for (String body : handMadeBodies) {
      first.add(WebhookLogs.utf8(body));
    }
    for (String body : handMadeBodies) {
      first.add(WebhookLogs.utf8(WebhookLogs.envelope(body, "2026-11-17T12:00:05Z", SECRET)));
    }
    WebhookLogs.write(logs.resolve("hand/2026-11-17.jsonl"), first);
    List<byte[]> second = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      second.add(WebhookLogs.utf8(WebhookLogs.envelope(handMadeBodies.get(i), "2026-11-17T12:01:00Z", "forger".getBytes(StandardCharsets.UTF_8))));
    }
    second.add(new byte[0]);
    second.add(WebhookLogs.utf8("<html>502 from 5511900000001</html>"));
    second.add(WebhookLogs.utf8(handMadeBodies.get(0).substring(0, 100)));
    second.add("{\"note\":\"n\u00e3o 5511900000001\"}".getBytes(StandardCharsets.ISO_8859_1));
    second.add(WebhookLogs.utf8(handMadeBodies.get(0)));
    WebhookLogs.write(logs.resolve("hand/2026-11-18.jsonl.gz"), second);
    // Exported under a person's number and e-mail: file names are data.
    List<byte[]> named = List.of(WebhookLogs.utf8(handMadeBodies.get(1)), WebhookLogs.utf8("not json"));
    WebhookLogs.write(logs.resolve("named/" + NAMED_PHONE + ".jsonl"), named);
    WebhookLogs.write(logs.resolve("named/" + NAMED_EMAIL + ".jsonl"), named);
    handMadeLines = first.size() + second.size() + 2L * named.size();

    GeneratorSettings defaults = GeneratorSettings.defaults(3_000, SECRET);
    GeneratorSettings settings =
        new GeneratorSettings(3_000, 2, 2, 300, 3, defaults.start(), 7, 5L, 3, 0.03, 0.05, 0.2, 0.01, 0.7, 0.5, SECRET);
    LogGenerator.generate(spark, settings, logs.resolve("generated").toString());

    try (LogCapture capture = new LogCapture()) {
      firstRun = ingest();
      firstLog = capture.text();
    }
    assertEquals(0, firstRun.exitCode(), firstRun.all());
  }

  private CliRun ingest(String... extra) {
    List<String> args = new ArrayList<>(List.of("ingest", "--input", logs.toString(), "--lake", lake,
        // These logs keep many bodies raw (UnsignedLinesIT tests what the secret does to them without this).
        "--key-file", keyFile.toString(), "--app-secret-file", secretFile.toString(), "--accept-unsigned", "--master", "local[2]"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  private Lake lake() {
    return new Lake(spark, lake);
  }

  @Test
  @Order(1)
  void everyLineIsAccountedFor() throws IOException {
    long lines = handMadeLines + countLines(logs.resolve("generated"));
    Summary summary = Summary.parse(firstRun.out());
    assertEquals(lines, summary.lines, firstRun.out());
    assertEquals(lines, summary.stored + summary.duplicates + summary.quarantined, firstRun.out());
    assertEquals(summary.stored, lake().read(TableSchemas.WEBHOOK_EVENTS).count());
    assertEquals(summary.stored, lake().read(TableSchemas.WEBHOOK_EVENTS).select("event_id").distinct().count(), "one row per distinct body");
    assertEquals(summary.quarantined, lake().read(TableSchemas.QUARANTINE).count());
    assertTrue(summary.duplicates >= handMadeBodies.size() + 1, "the envelope copies and the raw retry of hand-made bodies are duplicates");
  }

  @Test
  @Order(2)
  void eachHandMadeBodyIsStoredOnceAndBadLinesAreQuarantinedWithTheirReason() {
    Dataset<Row> bronze = lake().read(TableSchemas.WEBHOOK_EVENTS);
    for (String body : handMadeBodies) {
      byte[] bytes = WebhookLogs.utf8(body);
      assertEquals(1, bronze.filter(bronze.col("event_id").equalTo(Hashes.sha256Hex(bytes, bytes.length))).count());
    }
    Dataset<Row> hand = lake().read(TableSchemas.QUARANTINE).filter("source_file like '%/hand/%'");
    assertEquals(5, hand.filter("reason = 'signature_mismatch'").count());
    for (String reason : List.of("empty_line", "not_json", "truncated_json", "not_utf8")) {
      assertEquals(1, hand.filter(hand.col("reason").equalTo(reason)).count(), reason);
    }
    Row forged = hand.filter("reason = 'signature_mismatch'").orderBy("source_offset").first();
    assertEquals(1L, forged.getLong(forged.fieldIndex("source_line")));
    assertEquals(0L, forged.getLong(forged.fieldIndex("source_offset")));
    assertEquals(9, hand.select("source_line").distinct().count(), "every bad line is named by file and line");
  }

  @Test
  @Order(3)
  void noIdentifierOfTheInputReachesAnyTableOrLogOrOutput() throws IOException {
    Set<String> phones = new HashSet<>();
    Set<String> names = new HashSet<>();
    InputIdentifiers.collect(readAll(logs), phones, names);
    assertTrue(phones.size() > 50 && names.size() > 5, "the scan must have identifiers to look for");
    List<String> canaries = WebhookLogs.canaries();
    String printed = firstRun.all() + firstLog;
    for (TableSchema table : io.conversa.aggregate.GoldTables.lakeTables()) {
      String text = PrivacyScan.stringColumns(lake().read(table));
      scan(table.qualifiedName(), text, phones, names, canaries);
    }
    scan("CLI output and log", printed, phones, names, canaries);
    for (Row row : lake().read(TableSchemas.QUARANTINE).select("line_encrypted").collectAsList()) {
      String sealed = new String((byte[]) row.get(0), StandardCharsets.ISO_8859_1);
      assertFalse(sealed.contains("5511900000001"), "quarantined lines are stored encrypted");
    }
  }

  /**
   * Logs named after a person's number and e-mail: the names are stored redacted, with a keyed
   * hash that keeps the two files apart, in every table, Delta log, checkpoint and statistic.
   */
  @Test
  @Order(3)
  void fileNamesWithIdentifiersLeaveNoTraceInTheLake() throws IOException {
    List<String> names = lake().read(TableSchemas.INGESTED_FILES).filter("path like '%/named/%'").select("path").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    assertEquals(2, names.size(), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.matches(".*/named/\\[number-[0-9a-f]{8}\\]\\.jsonl")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.matches(".*/named/\\[email-[0-9a-f]{8}\\]\\.jsonl")), names.toString());
    assertEquals(2, lake().read(TableSchemas.QUARANTINE).filter("source_file like '%/named/%'").count(), "a junk line from each");
    try (Stream<Path> files = Files.walk(Path.of(java.net.URI.create(lake().path(TableSchemas.WEBHOOK_EVENTS))).getParent().getParent())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String identifier : List.of(NAMED_PHONE, NAMED_EMAIL, "ana.souza")) {
          assertFalse(bytes.contains(identifier), file + " holds " + identifier);
        }
      }
    }
    assertFalse(firstRun.all().contains(NAMED_PHONE) || firstRun.all().contains("ana.souza"), firstRun.all());
  }

  @Test
  @Order(4)
  void quarantinedLinesDecryptWithTheKey() throws IOException {
    Path recovered = dir.resolve("recovered.jsonl");
    CliRun run = CliRun.of("quarantine", "--lake", lake, "--key-file", keyFile.toString(), "--decrypt", "--reason", "not_json", "--out", recovered.toString(), "--master", "local[2]");
    assertEquals(0, run.exitCode(), run.all());
    List<String> lines = Files.readAllLines(recovered);
    assertTrue(lines.contains("<html>502 from 5511900000001</html>"), lines.toString());
    assertFalse(run.all().contains("5511900000001"));
    CliRun again = CliRun.of("quarantine", "--lake", lake, "--key-file", keyFile.toString(), "--decrypt", "--out", recovered.toString());
    assertEquals(2, again.exitCode(), "never overwrites: " + again.all());
    CliRun wrongKey = CliRun.of("quarantine", "--lake", lake, "--key-file", TestKeys.keyFile(dir, "k1other").toString(), "--decrypt", "--out", dir.resolve("x.jsonl").toString());
    assertEquals(2, wrongKey.exitCode(), wrongKey.all());
  }

  @Test
  @Order(5)
  void aSecondRunReadsNothingAndChangesNothing() {
    long bronzeVersion = DeltaMetrics.currentVersion(lake().table(TableSchemas.WEBHOOK_EVENTS));
    long quarantineVersion = DeltaMetrics.currentVersion(lake().table(TableSchemas.QUARANTINE));
    CliRun second = ingest();
    assertEquals(0, second.exitCode(), second.all());
    assertTrue(second.out().contains("ingest: 0 of 7 files new"), second.out());
    assertSameRows(asOf(TableSchemas.WEBHOOK_EVENTS, bronzeVersion), lake().read(TableSchemas.WEBHOOK_EVENTS));
    assertSameRows(asOf(TableSchemas.QUARANTINE, quarantineVersion), lake().read(TableSchemas.QUARANTINE));
  }

  private Dataset<Row> asOf(TableSchema table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(lake().path(table));
  }

  @Test
  @Order(6)
  void aRunKilledBeforeItsLedgerIsRepairedByTheNextRun() throws IOException {
    long bronze = lake().read(TableSchemas.WEBHOOK_EVENTS).count();
    long quarantine = lake().read(TableSchemas.QUARANTINE).count();
    long bronzeVersion = DeltaMetrics.currentVersion(lake().table(TableSchemas.WEBHOOK_EVENTS));
    // A run killed after its appends and before its ledger commit leaves exactly this state.
    deleteRecursively(Path.of(java.net.URI.create(lake().path(TableSchemas.INGESTED_FILES))));
    CliRun rerun = ingest();
    assertEquals(0, rerun.exitCode(), rerun.all());
    Summary summary = Summary.parse(rerun.out());
    assertEquals(0, summary.stored, rerun.out());
    assertEquals(bronze, lake().read(TableSchemas.WEBHOOK_EVENTS).count());
    assertEquals(quarantine, lake().read(TableSchemas.QUARANTINE).count());
    assertSameRows(asOf(TableSchemas.WEBHOOK_EVENTS, bronzeVersion), lake().read(TableSchemas.WEBHOOK_EVENTS));
    CliRun reprocess = ingest("--reprocess");
    assertEquals(0, Summary.parse(reprocess.out()).stored, reprocess.out());
    assertEquals(quarantine, lake().read(TableSchemas.QUARANTINE).count(), "--reprocess does not quarantine a line twice");
  }

  @Test
  @Order(7)
  void sqlAnswersInCsv() {
    CliRun sql = CliRun.of("sql", "--lake", lake, "--format", "csv", "-e", "select count(*) as events from bronze.webhook_events", "--master", "local[2]");
    assertEquals(0, sql.exitCode(), sql.all());
    long stored = lake().read(TableSchemas.WEBHOOK_EVENTS).count();
    assertEquals("events\n" + stored + "\n", sql.out());
    CliRun bad = CliRun.of("sql", "--lake", lake, "-e", "select nope from bronze.webhook_events");
    assertEquals(2, bad.exitCode(), bad.all());
    assertTrue(bad.err().contains("nope"), bad.err());
    CliRun file = CliRun.of("sql", "--lake", lake, "-e", "select * from text.`" + keyFile + "`");
    assertEquals(2, file.exitCode(), file.all());
    assertFalse(file.all().contains(Files.exists(keyFile) ? keyLine() : "-"), "sql never prints the key");
    for (String attack : List.of("select transform(1) using 'cat " + keyFile + "' as (line string)",
        "from bronze.webhook_events map source_file using 'cat " + keyFile + "'",
        "restore table bronze.webhook_events to version as of 0",
        "create table x shallow clone bronze.webhook_events location '" + dir.resolve("clone") + "'",
        "select * from table_changes_by_path('" + lake + "/bronze/webhook_events', 0)",
        "describe history '" + lake + "/bronze/webhook_events'")) {
      long version = DeltaMetrics.currentVersion(lake().table(TableSchemas.WEBHOOK_EVENTS));
      CliRun refused = CliRun.of("sql", "--lake", lake, "-e", attack);
      assertEquals(2, refused.exitCode(), attack + ": " + refused.all());
      assertTrue(refused.err().contains("sql is read-only"), refused.err());
      assertFalse(refused.all().contains(keyLine()), "sql never prints the key");
      assertEquals(version, DeltaMetrics.currentVersion(lake().table(TableSchemas.WEBHOOK_EVENTS)), attack);
    }
    assertFalse(Files.exists(dir.resolve("clone")));
    // The REPL goes on after every refusal and failure.
    CliRun repl = CliRun.withInput("select transform(1) using 'env' as (line string);\n"
        + "select from_json('{\"a\": 1', 'a int', map('mode', 'FAILFAST'));\n"
        + "select " + "(".repeat(3000) + "1" + ")".repeat(3000) + ";\n"
        + "select count(*) as events from bronze.webhook_events;\n", "sql", "--lake", lake, "--format", "csv");
    assertEquals(0, repl.exitCode(), repl.all());
    assertTrue(repl.out().contains("events\n" + stored + "\n"), repl.out());
    assertTrue(repl.err().contains("sql is read-only") && repl.err().contains("failed while running") && repl.err().contains("nests too deeply"),
        repl.err());
    // sql locks its own session: the commands after it in this JVM still read Delta by path.
    assertEquals("true", spark.conf().get("spark.sql.runSQLOnFiles", "true"));
    CliRun again = ingest();
    assertEquals(0, again.exitCode(), again.all());
  }

  private String keyLine() {
    try {
      return Files.readAllLines(keyFile).stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow().substring(3);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void scan(String where, String text, Set<String> phones, Set<String> names, List<String> canaries) {
    Matcher digits = DIGIT_RUNS.matcher(text);
    while (digits.find()) {
      assertFalse(phones.contains(digits.group()), where + " holds a phone number of the input");
    }
    for (String name : names) {
      assertFalse(text.contains(name), where + " holds a profile name of the input: " + name);
    }
    for (String canary : canaries) {
      assertFalse(text.contains(canary), where + " holds " + canary);
    }
  }

  private static long countLines(Path folder) throws IOException {
    return readAll(folder).chars().filter(c -> c == '\n').count();
  }

  private static String readAll(Path folder) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith("webhook-log-") || f.toString().contains("/hand/")).sorted().toList()) {
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
          all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return all.toString();
  }

  private static void deleteRecursively(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The figures of ingest's one-line summary. */
  record Summary(long lines, long stored, long duplicates, long quarantined) {
    private static final Pattern LINE = Pattern.compile("([\\d,]+) lines read -> ([\\d,]+) events stored, ([\\d,]+) duplicates, ([\\d,]+) quarantined");

    static Summary parse(String out) {
      Matcher m = LINE.matcher(out);
      assertTrue(m.find(), "no summary line in: " + out);
      return new Summary(n(m.group(1)), n(m.group(2)), n(m.group(3)), n(m.group(4)));
    }

    private static long n(String figure) {
      return Long.parseLong(figure.replace(",", ""));
    }
  }
}

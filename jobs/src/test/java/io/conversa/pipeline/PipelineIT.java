package io.conversa.pipeline;

import static io.conversa.testing.DataFrameAssertions.assertSameRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.lake.DeltaMetrics;
import io.conversa.lake.Lake;
import io.conversa.lake.LakeCatalog;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import io.conversa.testing.CliRun;
import io.conversa.testing.LogCapture;
import io.conversa.testing.NotebookCells;
import io.conversa.testing.PrivacyScan;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conversa run} end to end on generated logs: the same input in one run and split in two
 * runs gives the same silver and gold tables; a run with nothing new changes nothing; no
 * identifier of the input reaches any table or output; every notebook's SQL runs on the lake.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {
  private static final byte[] SECRET = TestKeys.APP_SECRET.getBytes(StandardCharsets.UTF_8);

  @TempDir static Path dir;
  private SparkSession spark;
  private Path logs;
  private Path keyFile;
  private String oneRunLake;
  private String twoRunLake;
  private String printed;

  @BeforeAll
  void runThePipelineOnceAndInTwoHalves() throws IOException {
    spark = SharedSpark.session();
    logs = dir.resolve("logs");
    keyFile = TestKeys.keyFile(dir, "p1");
    LogGenerator.generate(spark, historySettings(), logs.toString());
    oneRunLake = dir.resolve("lake-one").toString();
    // Made beforehand, readable by everyone, as a shared folder or a careless mkdir leaves it.
    Files.createDirectories(dir.resolve("lake-one"));
    Files.setPosixFilePermissions(dir.resolve("lake-one"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    twoRunLake = dir.resolve("lake-two").toString();

    try (LogCapture capture = new LogCapture()) {
      CliRun one = run(logs, oneRunLake);
      assertEquals(0, one.exitCode(), one.all());
      // Every other line of every file first, the rest later: statuses of one message, replies
      // and orders land in different runs and in any order.
      Path halves = dir.resolve("halves");
      splitLines(logs, halves.resolve("first"), halves.resolve("second"));
      Path input = dir.resolve("two-runs");
      copyFolder(halves.resolve("first"), input);
      CliRun first = run(input, twoRunLake);
      assertEquals(0, first.exitCode(), first.all());
      copyFolder(halves.resolve("second"), input);
      CliRun second = run(input, twoRunLake);
      assertEquals(0, second.exitCode(), second.all());
      assertTrue(second.out().contains("aggregate: periods from "), "the second run aggregates incrementally: " + second.out());
      printed = one.all() + first.all() + second.all() + capture.text();
    }
  }

  private CliRun run(Path input, String lake, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(), "--lake", lake,
        "--key-file", keyFile.toString(), "--min-group-size", "3", "--master", "local[2]"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  /** Whatever the folder's mode and the process's umask, the lake and the logs are their owner's only. */
  @Test
  @Order(1)
  void everyFileAndFolderWrittenIsOwnerOnly() throws IOException {
    for (Path root : List.of(Path.of(oneRunLake), logs)) {
      List<Path> readable;
      try (java.util.stream.Stream<Path> all = Files.walk(root)) {
        readable = all.filter(p -> {
          try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)).substring(3).contains("r")
                || java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)).substring(3).contains("x");
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).toList();
      }
      assertEquals(List.of(), readable, "group or others can read these");
    }
  }

  @Test
  @Order(1)
  void goldHasFunnelsForEveryClient() {
    Dataset<Row> funnel = table(oneRunLake, TableSchemas.CAMPAIGN_FUNNEL);
    assertEquals(2, funnel.select("client").distinct().count());
    // Day rows only (weeks and months hold the same messages again), where the message counts
    // are published; conversions are their own family, withheld or not apart from them.
    Row totals = funnel.filter("period = 'day' AND NOT array_contains(withheld, 'sent')")
        .selectExpr("sum(sent)", "sum(delivered)", "sum(read)", "sum(replied)").first();
    assertTrue(totals.getLong(0) > 500, "sent: " + totals);
    double delivered = (double) totals.getLong(1) / totals.getLong(0);
    assertTrue(delivered > 0.85 && delivered < 0.99, "delivery rate " + delivered);
    assertTrue(totals.getLong(2) < totals.getLong(1) && totals.getLong(3) > 0, totals.toString());
    // Purchases reach gold: a campaign row credits conversions, published or withheld for fewer
    // than 3 buyers (at k = 3 this history's conversions are all withheld: a few buyers a campaign).
    assertTrue(funnel.filter("converted > 0 OR array_contains(withheld, 'converted')").count() > 0, "no campaign converted");
    assertEquals(0, table(oneRunLake, TableSchemas.QUALITY_CHECKS).filter("NOT passed").count(), "every quality check passes");
  }

  @Test
  @Order(1)
  void aCampaignsTemplatesAddUpToItsRow() {
    // The generator's JSON callback data names one of two templates per campaign (an A/B test).
    Dataset<Row> templates = table(oneRunLake, TableSchemas.TEMPLATE_FUNNEL).filter("period = 'week'");
    assertTrue(templates.filter("template LIKE '%\\_short'").count() > 0, "both variants reach gold");
    Dataset<Row> sums = templates.groupBy("client", "campaign", "period_start")
        .agg(org.apache.spark.sql.functions.expr("sum(sent)").as("template_sent"),
            org.apache.spark.sql.functions.expr("bool_or(array_contains(withheld, 'sent'))").as("some_withheld"));
    Dataset<Row> campaigns = table(oneRunLake, TableSchemas.CAMPAIGN_FUNNEL).filter("period = 'week'");
    List<Row> compared = campaigns.join(sums, scala.collection.JavaConverters.asScalaBuffer(List.of("client", "campaign", "period_start")).toSeq(), "left")
        .filter("NOT some_withheld AND sent IS NOT NULL").select("campaign", "sent", "template_sent").collectAsList();
    assertTrue(compared.size() > 2, "weeks of campaigns whose templates are all published: " + compared);
    for (Row r : compared) {
      assertEquals(r.getLong(1), r.getLong(2), "templates of " + r);
    }
  }

  @Test
  @Order(2)
  void twoIncrementalRunsGiveTheTablesOfOneRun() {
    for (TableSchema table : List.of(
        TableSchemas.MESSAGES, TableSchemas.STATUSES, TableSchemas.OUTBOUND_MESSAGES, TableSchemas.CONVERSIONS, TableSchemas.USER_LINKS,
        TableSchemas.CAMPAIGN_FUNNEL, TableSchemas.TEMPLATE_FUNNEL, TableSchemas.NUMBER_FUNNEL, TableSchemas.CONVERSATIONS,
        TableSchemas.AD_REFERRALS)) {
      Dataset<Row> one = withoutRunColumns(table(oneRunLake, table));
      Dataset<Row> two = withoutRunColumns(table(twoRunLake, table));
      assertTrue(one.count() > 0, table.qualifiedName() + " is empty");
      assertSameRows(one, two);
    }
  }

  @Test
  @Order(3)
  void aRunWithNothingNewChangesNothing() {
    Lake lake = new Lake(spark, oneRunLake);
    long silver = DeltaMetrics.currentVersion(lake.table(TableSchemas.OUTBOUND_MESSAGES));
    long gold = DeltaMetrics.currentVersion(lake.table(TableSchemas.CAMPAIGN_FUNNEL));
    CliRun again = run(logs, oneRunLake);
    assertEquals(0, again.exitCode(), again.all());
    assertTrue(again.out().contains("silver is up to date"), again.out());
    assertTrue(again.out().contains("gold is up to date"), again.out());
    assertEquals(silver, DeltaMetrics.currentVersion(lake.table(TableSchemas.OUTBOUND_MESSAGES)));
    assertEquals(gold, DeltaMetrics.currentVersion(lake.table(TableSchemas.CAMPAIGN_FUNNEL)));
  }

  @Test
  @Order(4)
  void noIdentifierOfTheInputReachesAnyTableOrOutput() throws IOException {
    PrivacyScan scan = PrivacyScan.of(logs);
    assertTrue(scan.phoneCount() > 50 && scan.idCount() > 500, "the scan must have identifiers to look for");
    for (String lake : List.of(oneRunLake, twoRunLake)) {
      for (TableSchema table : io.conversa.aggregate.GoldTables.lakeTables()) {
        scan.assertAbsentFrom(lake + " " + table.qualifiedName(), PrivacyScan.stringColumns(table(lake, table)));
      }
    }
    scan.assertAbsentFrom("CLI output and log", printed);
  }

  @Test
  @Order(5)
  void goldHoldsNoPseudonymAndWithheldFiguresShowNothing() {
    long withheldRows = 0;
    for (TableSchema table : io.conversa.aggregate.GoldTables.FIGURES.stream().map(e -> e.schema()).toList()) {
      Dataset<Row> rows = table(oneRunLake, table);
      assertFalse(PrivacyScan.stringColumns(rows).contains("p1:"), table.qualifiedName() + " holds a pseudonym");
      List<String> figures = new ArrayList<>();
      for (StructField field : rows.schema().fields()) {
        assertFalse(field.name().contains("user_id") || field.name().contains("message_id"), table.qualifiedName() + "." + field.name());
        if (field.dataType().equals(DataTypes.LongType) || field.dataType().equals(DataTypes.DoubleType)
            || field.dataType() instanceof DecimalType) {
          figures.add(field.name());
          // Every figure gold names as withheld is a null.
          assertEquals(0, rows.filter("array_contains(withheld, '" + field.name() + "') AND " + field.name() + " IS NOT NULL").count(),
              table.qualifiedName() + "." + field.name() + " shows a number where it is withheld");
        }
      }
      // withheld names only figures of the table, and suppressed says whether it names any.
      String known = figures.stream().map(f -> "'" + f + "'").collect(java.util.stream.Collectors.joining(", "));
      assertEquals(0, rows.filter("exists(withheld, f -> NOT f IN (" + known + "))").count(), table.qualifiedName() + ": withheld names a non-figure");
      assertEquals(0, rows.filter("suppressed <> (size(withheld) > 0)").count(), table.qualifiedName() + ": suppressed");
      // k = 3: no row publishes a users figure from fewer than 3 people.
      assertEquals(0, rows.filter("users IS NOT NULL AND users < 3").count(), table.qualifiedName() + ": users below k published");
      if (rows.schema().getFieldIndex("revenue_currency").isDefined()) {
        assertEquals(0, rows.filter("array_contains(withheld, 'revenue') AND revenue_currency IS NOT NULL").count(),
            table.qualifiedName() + ": a withheld revenue keeps its currency");
      }
      withheldRows += rows.filter("suppressed").count();
    }
    assertTrue(withheldRows > 0, "at k = 3 some figure of gold is withheld, or this test checks nothing");
  }

  @Test
  @Order(6)
  void everyNotebookQueryAnswersOnTheLake() throws IOException {
    LakeCatalog.register(new Lake(spark, oneRunLake), io.conversa.aggregate.GoldTables.lakeTables());
    Path notebooks = Path.of(System.getProperty("conversa.notebooks", "notebooks"));
    int cells = 0;
    for (NotebookCells.Cell cell : NotebookCells.sqlCells(notebooks)) {
      List<Row> rows;
      try {
        rows = spark.sql(cell.sql()).collectAsList();
      } catch (RuntimeException e) {
        throw new AssertionError(cell.where() + " fails: " + e.getMessage(), e);
      }
      // The generated history has every kind of row a notebook asks about: an empty answer is a
      // query that asks the wrong thing.
      assertFalse(rows.isEmpty(), cell.where() + " returns no row:\n" + cell.sql());
      cells++;
    }
    assertTrue(cells >= 14, "every notebook has its queries: " + cells);
    for (NotebookCells.Cell setup : NotebookCells.setupCells(notebooks)) {
      for (TableSchema table : io.conversa.aggregate.GoldTables.lakeTables()) {
        assertTrue(setup.sql().contains("\"" + table.name() + "\""), setup.where() + " registers no " + table.qualifiedName());
      }
    }
  }

  @Test
  @Order(6)
  void registerPutsEveryTableOfTheLakeInTheMetastore() {
    // Dropping the session's registrations leaves the lake alone: they are external tables.
    for (String layer : List.of("bronze", "silver", "gold")) {
      spark.sql("DROP DATABASE IF EXISTS " + layer + " CASCADE");
    }
    CliRun printed = CliRun.of("register", "--lake", oneRunLake, "--catalog", "spark_catalog", "--master", "local[2]");
    assertEquals(0, printed.exitCode(), printed.all());
    CliRun executed = CliRun.of("register", "--lake", oneRunLake, "--catalog", "spark_catalog", "--execute", "--master", "local[2]");
    assertEquals(0, executed.exitCode(), executed.all());
    for (TableSchema table : io.conversa.aggregate.GoldTables.lakeTables()) {
      assertTrue(printed.out().contains("CREATE TABLE IF NOT EXISTS `spark_catalog`.`" + table.layer() + "`.`" + table.name() + "` USING DELTA"),
          table.qualifiedName() + " in " + printed.out());
      assertEquals(table(oneRunLake, table).count(), spark.table("spark_catalog." + table.qualifiedName()).count(), table.qualifiedName());
    }
  }

  @Test
  @Order(6)
  void theAuditOfPublishedGoldFindsNoWithheldFigureTemplatesIncluded() {
    // Templates are released after the rest of gold (GoldRelease.templateModel); the audit reads
    // every published table together, templates' sums into campaigns included.
    CliRun audit = CliRun.of("audit", "--lake", oneRunLake, "--master", "local[2]");
    assertEquals(0, audit.exitCode(), audit.all());
    assertTrue(audit.out().contains("audit: 2 clients at k = 3, 0 findings"), audit.out());
  }

  @Test
  @Order(7)
  void aDayOnTopOfTheHistoryGivesTheGoldOfAFullRecompute() {
    // The same businesses and users one day later: their purchases can credit messages of the history.
    GeneratorSettings nextDay = historySettings().laterDays(1_500, GeneratorSettings.defaults(1_500, SECRET).start().plusDays(6), 1, 12L);
    Path later = dir.resolve("logs-later");
    LogGenerator.generate(spark, nextDay, later.toString());
    // No --min-group-size: the lake keeps the k = 3 gold was released with.
    CliRun day = CliRun.of("run", "--input", later.toString(), "--lake", oneRunLake, "--key-file", keyFile.toString(), "--master", "local[2]");
    assertEquals(0, day.exitCode(), day.all());
    assertTrue(day.out().contains("aggregate: periods from "), "incremental: " + day.out());
    assertTrue(day.all().contains("(k = 3:"), day.all());
    CliRun otherK = CliRun.of("aggregate", "--lake", oneRunLake, "--key-file", keyFile.toString(), "--min-group-size", "5", "--master", "local[2]");
    assertEquals(2, otherK.exitCode(), otherK.all());
    assertTrue(otherK.err().contains("--min-group-size 5 disagrees with gold, which was released with 3"), otherK.err());
    List<TableSchema> gold = io.conversa.aggregate.GoldTables.FIGURES.stream().map(e -> e.schema()).toList();
    List<Dataset<Row>> incremental = new ArrayList<>();
    for (TableSchema table : gold) {
      incremental.add(withoutRunColumns(table(oneRunLake, table)).cache());
      incremental.get(incremental.size() - 1).count();
    }
    CliRun full = CliRun.of("aggregate", "--lake", oneRunLake, "--key-file", keyFile.toString(), "--full", "--master", "local[2]");
    assertEquals(0, full.exitCode(), full.all());
    for (int i = 0; i < gold.size(); i++) {
      assertSameRows(withoutRunColumns(table(oneRunLake, gold.get(i))), incremental.get(i));
      incremental.get(i).unpersist();
    }
  }

  /** Six days of two businesses, with every kind of fault. */
  private static GeneratorSettings historySettings() {
    GeneratorSettings defaults = GeneratorSettings.defaults(6_000, SECRET);
    return new GeneratorSettings(6_000, 2, 2, 200, 3, defaults.start(), 6, 11L, 3, 0.02, 0.05, 0.3, 0.01, 0.5, 0.5, SECRET);
  }

  private Dataset<Row> table(String lake, TableSchema table) {
    return spark.read().format("delta").load(new Lake(spark, lake).path(table));
  }

  /** computed_at is when a row was computed: the one column two runs must not agree on. */
  private static Dataset<Row> withoutRunColumns(Dataset<Row> rows) {
    return rows.drop("computed_at");
  }

  private static void splitLines(Path from, Path first, Path second) throws IOException {
    Files.createDirectories(first);
    Files.createDirectories(second);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("webhook-log-")).sorted().toList()) {
        String name = file.getFileName().toString().replace(".gz", "");
        List<String> lines;
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
          lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        StringBuilder even = new StringBuilder();
        StringBuilder odd = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
          (i % 2 == 0 ? even : odd).append(lines.get(i)).append('\n');
        }
        Files.writeString(first.resolve("a-" + name), even);
        Files.writeString(second.resolve("b-" + name), odd);
      }
    }
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }
}

package io.conversa.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import io.conversa.testing.CliRun;
import io.conversa.testing.ConversaProcess;
import io.conversa.testing.DataFrameAssertions;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What schedulers do to a lake: start two runs at once, and kill a run (SIGKILL, no shutdown
 * hook) anywhere. Either way the lake must end with exactly the tables one uninterrupted run
 * gives, row for row: bronze, quarantine, ledger, silver, gold.
 *
 * <p>The two runs started together (one in a JVM of its own, one in the test's) make the lake
 * every other is compared with: one of them waits for the other's lease, then finds nothing to
 * do. Had they both written, bronze would hold bodies twice and no lake killed and resumed would
 * equal it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashAndConcurrencyIT {
  /**
   * Kill points per command (3 commands). CI runs 1 each, a new random moment every run: a cold
   * conversa JVM costs 30 to 60 s before its first write on two cores, so 21 kill points take
   * about 12 minutes, more than CI's budget leaves. {@code -Dcrash.killsPerCommand=7} runs the
   * 21-point test (see README, Keeping a lake).
   */
  private static final int KILLS_PER_COMMAND = Integer.getInteger("crash.killsPerCommand", 1);
  /** Columns that say when a run happened, or hold random bytes (a sealed line's nonce): two runs never agree on them. */
  private static final List<String> RUN_COLUMNS = List.of("ingested_at", "ingest_date", "line_encrypted", "computed_at", "run_at", "released_at");
  @TempDir static Path dir;
  private SparkSession spark;
  private String logs;
  private String key;
  private Lake reference;
  private String raceOutput;

  @BeforeAll
  void twoRunsStartedTogether() {
    spark = SharedSpark.session();
    byte[] secret = TestKeys.APP_SECRET.getBytes(StandardCharsets.UTF_8);
    // Every fault the generator knows, on a log small enough to kill many times over.
    GeneratorSettings settings = new GeneratorSettings(240, 2, 1, 30, 2, LocalDate.parse("2026-11-09"), 3, 5L, 2,
        0.03, 0.05, 0.3, 0.0, 0.0, 0.5, secret);
    logs = dir.resolve("logs").toString();
    LogGenerator.generate(spark, settings, logs);
    key = TestKeys.keyFile(dir, "crash").toString();
    String lake = dir.resolve("race").toString();
    String[] run = {"run", "--input", logs, "--lake", lake, "--key-file", key, "--min-group-size", "1", "--master", "local[2]", "--wait", "5m"};
    ConversaProcess other = ConversaProcess.start(dir.resolve("race.log"), run);
    CliRun here = CliRun.of(run);
    assertEquals(0, here.exitCode(), here.all());
    assertEquals(0, other.await(Duration.ofMinutes(6)), other.output());
    raceOutput = here.all() + other.output();
    reference = new Lake(spark, lake);
  }

  @Test
  void oneOfTwoRunsStartedTogetherWaitedAndEveryBodyIsStoredOnce() {
    assertTrue(raceOutput.contains("waiting for `conversa run`"), "one of them waited for the other's lease:\n" + raceOutput);
    assertTrue(raceOutput.contains("0 of 2 files new"), "and then found nothing new:\n" + raceOutput);
    Dataset<Row> bodies = reference.read(TableSchemas.WEBHOOK_EVENTS);
    assertEquals(bodies.count(), bodies.select("event_id").distinct().count());
    assertEquals(2, reference.read(TableSchemas.INGESTED_FILES).count(), "one ledger row per file");
    Dataset<Row> lines = reference.read(TableSchemas.QUARANTINE);
    assertEquals(lines.count(), lines.select("source_file", "source_offset").distinct().count());
    assertEquals(1, reference.read(TableSchemas.RELEASES).count(), "one release: the second run had nothing to aggregate");
  }

  @Test
  void killedAtRandomPointsTheNextRunGivesTheTablesOfAnUninterruptedOne() {
    long seed = Long.getLong("crash.seed", System.nanoTime());
    Random random = new Random(seed);
    String lake = dir.resolve("crashed").toString();
    List<String> points = new ArrayList<>();
    String[] ingest = {"ingest", "--input", logs, "--lake", lake, "--key-file", key, "--master", "local[2]"};
    String[] refine = {"refine", "--lake", lake, "--key-file", key, "--master", "local[2]"};
    String[] aggregate = {"aggregate", "--lake", lake, "--key-file", key, "--min-group-size", "1", "--master", "local[2]"};
    for (String[] command : List.of(ingest, refine, aggregate)) {
      points.addAll(killRepeatedly(command, Path.of(lake), random, "seed " + seed + ", points so far " + points));
      CliRun next = CliRun.of(command);
      assertEquals(0, next.exitCode(), "the run after the kills (seed " + seed + ", " + points + ")\n" + next.all());
    }
    System.out.println("CrashAndConcurrencyIT: killed at " + points + " (rerun with -Dcrash.seed=" + seed + ")");
    assertEquals(3 * KILLS_PER_COMMAND, points.size());
    assertSameTables(io.conversa.aggregate.GoldTables.lakeTables(), new Lake(spark, lake));
  }
  /**
   * Starts {@code command} and SIGKILLs it at a random moment, {@code KILLS_PER_COMMAND} times;
   * each start resumes from what the killed one left. A run that ends before its kill tells how
   * long the command takes (later moments are drawn within that), and the lake goes back to how
   * it was before the first kill, so that every kill lands on work still to do.
   */
  private List<String> killRepeatedly(String[] command, Path lake, Random random, String context) {
    Path before = dir.resolve("before-" + command[0]);
    copy(lake, before);
    // A cold conversa JVM writes nothing in its first 10 s or so (JVM, Spark, the lake's checks).
    double earliest = 10;
    double longest = 45;
    List<String> points = new ArrayList<>();
    for (int attempt = 0; points.size() < KILLS_PER_COMMAND; attempt++) {
      assertTrue(attempt < 4 * KILLS_PER_COMMAND, "too many runs ended before their kill: " + context);
      double at = earliest + random.nextDouble() * Math.max(1, longest - earliest);
      ConversaProcess process = ConversaProcess.start(dir.resolve(command[0] + "-" + attempt + ".log"), command);
      if (process.killAt(Duration.ofMillis((long) (at * 1000)))) {
        points.add(String.format(java.util.Locale.ROOT, "%s@%.1fs", command[0], at));
      } else {
        assertEquals(0, process.await(Duration.ofMinutes(1)), "a run after a kill failed (" + context + ")\n" + process.output());
        longest = process.secondsSinceStart();
        copy(before, lake);
      }
    }
    return points;
  }

  private void assertSameTables(List<TableSchema> tables, Lake actual) {
    for (TableSchema table : tables) {
      if (!reference.exists(table)) {
        continue;
      }
      assertTrue(actual.exists(table), table.qualifiedName() + " missing");
      DataFrameAssertions.assertSameRows(withoutRunColumns(reference.read(table)), withoutRunColumns(actual.read(table)));
    }
  }

  /** Without the run's own columns; maps as JSON text, which rows can be compared by. */
  private static Dataset<Row> withoutRunColumns(Dataset<Row> rows) {
    Dataset<Row> kept = rows.drop(RUN_COLUMNS.toArray(new String[0]));
    for (var field : kept.schema().fields()) {
      if (field.dataType() instanceof org.apache.spark.sql.types.MapType) {
        kept = kept.withColumn(field.name(), org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.col(field.name())));
      }
    }
    return kept;
  }

  /** Replaces {@code to} by a copy of {@code from} (absent {@code from}: no {@code to}). */
  private static void copy(Path from, Path to) {
    try {
      if (Files.exists(to)) {
        try (Stream<Path> paths = Files.walk(to)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      if (!Files.exists(from)) {
        return;
      }
      try (Stream<Path> paths = Files.walk(from)) {
        for (Path path : (Iterable<Path>) paths::iterator) {
          Path target = to.resolve(from.relativize(path).toString());
          if (Files.isDirectory(path)) {
            Files.createDirectories(target);
          } else {
            Files.copy(path, target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

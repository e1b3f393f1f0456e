package io.conversa.bench;

import io.conversa.aggregate.AggregateJob;
import io.conversa.generate.GeneratorSettings;
import io.conversa.ingest.IngestJob;
import io.conversa.ingest.IngestSettings;
import io.conversa.lake.Lake;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.refine.RefineJob;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Whether a lake fed daily stays healthy: {@code runs} runs of ingest, refine and aggregate, each
 * on one more day of logs, then the data files each table holds. Many small writes must not
 * leave many small files (Delta's auto compaction is on for every table).
 */
public final class SmallFilesBenchmark {
  /** One table's layout after the runs. */
  public record TableFiles(String table, long files, long bytes) {
    long averageBytes() {
      return files == 0 ? 0 : bytes / files;
    }
  }

  public record Figures(int runs, long eventsPerDay, double seconds, List<Double> runSeconds, List<TableFiles> tables,
      io.conversa.maintain.MaintainResult maintained) {
    public List<String> report() {
      List<String> lines = new ArrayList<>();
      lines.add(String.format(Locale.ROOT, "bench: %d daily runs of ingest + refine + aggregate, %,d events a day, %.1f s in all", runs, eventsPerDay, seconds));
      lines.add(String.format(Locale.ROOT, "  run seconds: first %.1f, median %.1f, last %.1f", runSeconds.get(0),
          runSeconds.stream().sorted().toList().get(runSeconds.size() / 2), runSeconds.get(runSeconds.size() - 1)));
      lines.add(String.format(Locale.ROOT, "  %-26s %8s %12s %14s", "table", "files", "bytes", "avg file bytes"));
      for (TableFiles t : tables) {
        lines.add(String.format(Locale.ROOT, "  %-26s %,8d %,12d %,14d", t.table(), t.files(), t.bytes(), t.averageBytes()));
      }
      lines.add(String.format(Locale.ROOT, "  then `conversa maintain` (no retention; VACUUM keeps the last 7 days' files, as Delta does), %.1f s:",
          maintained.seconds()));
      maintained.details().lines().forEach(line -> lines.add("  " + line));
      long filesAfter = maintained.footprints().values().stream().mapToLong(pair -> pair[1].currentFiles()).sum();
      long logFilesBefore = maintained.footprints().values().stream().mapToLong(pair -> pair[0].logFiles()).sum();
      long logFilesAfter = maintained.footprints().values().stream().mapToLong(pair -> pair[1].logFiles()).sum();
      lines.add(String.format(Locale.ROOT, "runs=%d data_files=%d max_files_per_table=%d data_files_after_maintain=%d log_files=%d log_files_after_maintain=%d",
          runs, tables.stream().mapToLong(TableFiles::files).sum(), tables.stream().mapToLong(TableFiles::files).max().orElse(0),
          filesAfter, logFilesBefore, logFilesAfter));
      return lines;
    }
  }

  private final SparkSession spark;
  private final Consumer<String> progress;

  public SmallFilesBenchmark(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public Figures run(int runs, long eventsPerDay, long seed, Path work) {
    // "same": every day is a later day of the same businesses and users, as a real schedule's is.
    Path folder = work.resolve("daily-runs-" + BenchLogs.GENERATOR_LAYOUT + "-same-" + eventsPerDay + "-" + seed);
    byte[] secret = BenchLogs.APP_SECRET;
    GeneratorSettings defaults = GeneratorSettings.defaults(eventsPerDay, secret);
    GeneratorSettings base = defaults.spanning(eventsPerDay, defaults.start(), 1, seed);
    KeyRing keys = BenchLogs.keys(work);
    Path input = folder.resolve("input");
    Path lake = folder.resolve("lake");
    PipelineBenchmark.deleteRecursively(input);
    PipelineBenchmark.deleteRecursively(lake);
    List<Double> runSeconds = new ArrayList<>();
    long started = System.nanoTime();
    for (int day = 0; day < runs; day++) {
      Path logs = BenchLogs.generateOnce(spark, ignored -> {}, folder.resolve("days").resolve(String.format(Locale.ROOT, "day-%02d", day)),
          base.laterDays(eventsPerDay, base.start().plusDays(day), 1, seed + day));
      copyLogs(logs, input.resolve(logs.getFileName()));
      long t = System.nanoTime();
      String root = lake.toAbsolutePath().toString();
      new IngestJob(spark, ignored -> {}).run(new IngestSettings(
          input.toAbsolutePath().toString(), root, keys, secret, true, false, IngestSettings.DEFAULT_MAX_LINE_BYTES));
      new RefineJob(spark, ignored -> {}).run(root);
      new AggregateJob(spark, ignored -> {}).run(PipelineBenchmark.defaultRules(root), new Pseudonymizer(keys.primary()));
      runSeconds.add((System.nanoTime() - t) / 1e9);
      progress.accept(String.format(Locale.ROOT, "bench: run %d of %d took %.1f s", day + 1, runs, runSeconds.get(day)));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    List<TableFiles> tables = tableFiles(new Lake(spark, lake.toAbsolutePath().toString()));
    progress.accept("bench: maintaining the lake");
    var maintained = new io.conversa.maintain.MaintainJob(spark, ignored -> {}).run(new io.conversa.maintain.MaintainSettings(
        lake.toAbsolutePath().toString(), null, null, io.conversa.maintain.MaintainSettings.SAFE_FILE_RETENTION, false, false));
    return new Figures(runs, eventsPerDay, seconds, runSeconds, tables, maintained);
  }

  private List<TableFiles> tableFiles(Lake lake) {
    List<TableFiles> tables = new ArrayList<>();
    for (TableSchema table : io.conversa.aggregate.GoldTables.lakeTables()) {
      if (!lake.exists(table)) {
        continue;
      }
      Row detail = spark.sql("DESCRIBE DETAIL " + lake.sqlName(table)).select("numFiles", "sizeInBytes").first();
      tables.add(new TableFiles(table.qualifiedName(), detail.getLong(0), detail.getLong(1)));
    }
    return tables;
  }

  /** The day's log files (not the generator's own folder) into the input, as a new day's delivery. */
  private static void copyLogs(Path from, Path to) {
    try (Stream<Path> files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

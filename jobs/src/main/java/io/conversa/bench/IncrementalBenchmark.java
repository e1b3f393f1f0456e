package io.conversa.bench;

import io.conversa.aggregate.AggregateJob;
import io.conversa.generate.GeneratorSettings;
import io.conversa.ingest.IngestJob;
import io.conversa.ingest.IngestSettings;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.refine.RefineJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * What one more day costs on top of a history: refine + aggregate of day N+1 on a lake that
 * holds N days, beside refine + aggregate of the same day's logs on an empty lake. An
 * incremental pipeline costs about the same in both; one that rereads history does not.
 */
public final class IncrementalBenchmark {
  /** What was measured. */
  public record Figures(int historyDays, long eventsPerDay, double historySeconds, double dayOnHistorySeconds, double dayAloneSeconds) {
    public double ratio() {
      return dayOnHistorySeconds / dayAloneSeconds;
    }

    public List<String> report() {
      List<String> lines = new ArrayList<>();
      lines.add(String.format(Locale.ROOT, "bench: one more day on %d days of history, %,d events a day, %d cores",
          historyDays, eventsPerDay, Runtime.getRuntime().availableProcessors()));
      lines.add(String.format(Locale.ROOT, "  history: ingest + refine + aggregate of %d days %8.1f s", historyDays, historySeconds));
      lines.add(String.format(Locale.ROOT, "  day %d on the history: refine + aggregate     %8.1f s", historyDays + 1, dayOnHistorySeconds));
      lines.add(String.format(Locale.ROOT, "  the same day alone:    refine + aggregate     %8.1f s", dayAloneSeconds));
      lines.add(String.format(Locale.ROOT, "incremental_day_seconds=%.1f day_alone_seconds=%.1f ratio=%.2f", dayOnHistorySeconds, dayAloneSeconds, ratio()));
      return lines;
    }
  }

  private final SparkSession spark;
  private final Consumer<String> progress;

  public IncrementalBenchmark(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public Figures run(int historyDays, long eventsPerDay, long seed, Path work) {
    Path folder = work.resolve("incremental-" + BenchLogs.GENERATOR_LAYOUT + "-" + historyDays + "d-" + eventsPerDay + "-" + seed);
    byte[] secret = BenchLogs.APP_SECRET;
    GeneratorSettings base = GeneratorSettings.defaults(eventsPerDay * historyDays, secret);
    GeneratorSettings history = base.spanning(eventsPerDay * historyDays, base.start(), historyDays, seed);
    Path historyLogs = BenchLogs.generateOnce(spark, progress, folder.resolve("history"), history);
    // The next day of the same businesses and users: its purchases reach back to their messages.
    Path dayLogs = BenchLogs.generateOnce(spark, progress, folder.resolve("next-day"),
        history.laterDays(eventsPerDay, base.start().plusDays(historyDays), 1, seed + 1));
    KeyRing keys = BenchLogs.keys(work);

    Path onHistory = folder.resolve("lake-history");
    PipelineBenchmark.deleteRecursively(onHistory);
    long t = System.nanoTime();
    ingest(historyLogs, onHistory, keys, secret);
    refineAndAggregate(onHistory, keys);
    double historySeconds = (System.nanoTime() - t) / 1e9;
    ingest(dayLogs, onHistory, keys, secret);
    double dayOnHistory = refineAndAggregate(onHistory, keys);

    Path alone = folder.resolve("lake-day");
    PipelineBenchmark.deleteRecursively(alone);
    ingest(dayLogs, alone, keys, secret);
    double dayAlone = refineAndAggregate(alone, keys);
    return new Figures(historyDays, eventsPerDay, historySeconds, dayOnHistory, dayAlone);
  }

  private void ingest(Path logs, Path lake, KeyRing keys, byte[] secret) {
    progress.accept(new IngestJob(spark, progress).run(new IngestSettings(
        logs.toAbsolutePath().toString(), lake.toAbsolutePath().toString(), keys, secret, true, false, IngestSettings.DEFAULT_MAX_LINE_BYTES)).summary());
  }

  /** Answers the seconds refine and aggregate took. */
  private double refineAndAggregate(Path lake, KeyRing keys) {
    long t = System.nanoTime();
    progress.accept(new RefineJob(spark, progress).run(lake.toAbsolutePath().toString()).summary());
    progress.accept(new AggregateJob(spark, progress)
        .run(PipelineBenchmark.defaultRules(lake.toAbsolutePath().toString()), new Pseudonymizer(keys.primary())).summary());
    return (System.nanoTime() - t) / 1e9;
  }
}

package io.conversa.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.conversa.aggregate.AggregateJob;
import io.conversa.aggregate.AggregateResult;
import io.conversa.aggregate.AggregateSettings;
import io.conversa.aggregate.BusinessFiles;
import io.conversa.config.ClientDirectory;
import io.conversa.config.FunnelRules;
import io.conversa.config.StatedRules;
import io.conversa.generate.GeneratorSettings;
import io.conversa.ingest.IngestJob;
import io.conversa.ingest.IngestResult;
import io.conversa.ingest.IngestSettings;
import io.conversa.lake.Lake;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.refine.RefineJob;
import io.conversa.refine.RefineResult;
import io.conversa.schema.TableSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Measures each stage (ingest, refine, aggregate) and the whole pipeline beside two references, in
 * one run on the same files: the floor (Spark reading the logs as JSON with an explicit schema and
 * counting the lines that parse) and DuckDB computing the same campaign funnel from the raw logs.
 * Logs are generated once per (events, seed) and cached under the work folder.
 */
public final class PipelineBenchmark {
  /** The floor's explicit schema: the members of a log line, nested values kept as JSON text. */
  static final StructType LOG_LINE =
      new StructType()
          .add("object", DataTypes.StringType)
          .add("entry", DataTypes.StringType)
          .add("received_at", DataTypes.StringType)
          .add("headers", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
          .add("body", DataTypes.StringType);

  public record Figures(
      long events, double generateSeconds, double floorSeconds, DuckDbFunnel.Result duckdb, double ingestSeconds, IngestResult ingest,
      double refineSeconds, RefineResult refine, double aggregateSeconds, AggregateResult aggregate, FunnelAgreement agreement,
      long peakHeapBytes, long peakResidentBytes) {
    public double ingestEventsPerSecond() {
      return events / ingestSeconds;
    }

    public double endToEndSeconds() {
      return ingestSeconds + refineSeconds + aggregateSeconds;
    }

    public double floorEventsPerSecond() {
      return events / floorSeconds;
    }

    public List<String> report() {
      List<String> lines = new ArrayList<>();
      lines.add(String.format(java.util.Locale.ROOT, "bench: %,d events, %d cores, max heap %,d MB", events, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
      lines.add(String.format(java.util.Locale.ROOT, "  generate (cached after first run) %8.1f s", generateSeconds));
      lines.add(String.format(java.util.Locale.ROOT, "  floor: read JSON, explicit schema %8.1f s  %,12.0f events/s", floorSeconds, floorEventsPerSecond()));
      lines.add(String.format(java.util.Locale.ROOT, "  duckdb: campaign funnel from logs %8.1f s  %,12.0f events/s", duckdb.seconds(), events / duckdb.seconds()));
      lines.add(String.format(java.util.Locale.ROOT, "  ingest to bronze                  %8.1f s  %,12.0f events/s", ingestSeconds, ingestEventsPerSecond()));
      lines.add(String.format(java.util.Locale.ROOT, "  refine to silver                  %8.1f s  %,12.0f events/s", refineSeconds, events / refineSeconds));
      lines.add(String.format(java.util.Locale.ROOT, "  aggregate to gold                 %8.1f s  %,12.0f events/s", aggregateSeconds, events / aggregateSeconds));
      lines.add(String.format(java.util.Locale.ROOT, "  refine + aggregate                %8.1f s  %,12.0f events/s", refineSeconds + aggregateSeconds, events / (refineSeconds + aggregateSeconds)));
      lines.add(String.format(java.util.Locale.ROOT, "  end to end                        %8.1f s  %,12.0f events/s", endToEndSeconds(), events / endToEndSeconds()));
      lines.add("  " + ingest.summary());
      lines.add("  " + refine.summary());
      lines.add("  " + aggregate.summary());
      lines.add("  " + agreement.summary());
      lines.add(String.format(java.util.Locale.ROOT, "  peak memory: driver heap used %,d MB; process resident %,d MB (Spark, DuckDB and the JVM)", peakHeapBytes >> 20, peakResidentBytes >> 20));
      lines.add(String.format(java.util.Locale.ROOT, "floor_events_per_s=%.0f duckdb_events_per_s=%.0f ingest_ratio_vs_floor=%.2f refine_aggregate_events_per_s=%.0f",
          floorEventsPerSecond(), events / duckdb.seconds(), ingestSeconds / floorSeconds, events / (refineSeconds + aggregateSeconds)));
      lines.add(String.format(java.util.Locale.ROOT, "events_per_s=%.0f ratio_vs_floor=%.2f ratio_vs_duckdb=%.2f",
          events / endToEndSeconds(), endToEndSeconds() / floorSeconds, endToEndSeconds() / duckdb.seconds()));
      return lines;
    }
  }

  private final SparkSession spark;
  private final Consumer<String> progress;

  public PipelineBenchmark(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public Figures run(long events, long seed, Path work) {
    PeakHeap peak = new PeakHeap();
    long t = System.nanoTime();
    GeneratorSettings defaults = GeneratorSettings.defaults(events, BenchLogs.APP_SECRET);
    Path logs = BenchLogs.generateOnce(spark, progress, work.resolve("logs-" + BenchLogs.GENERATOR_LAYOUT + "-" + events + "-" + seed),
        defaults.spanning(events, defaults.start(), defaults.days(), seed));
    double generateSeconds = (System.nanoTime() - t) / 1e9;
    progress.accept("bench: floor (Spark JSON read with explicit schema, count)");
    t = System.nanoTime();
    long floorLines =
        spark.read().schema(LOG_LINE).json(logs.toAbsolutePath().toString())
            .filter(col("object").isNotNull().or(col("body").isNotNull()))
            .count();
    double floorSeconds = (System.nanoTime() - t) / 1e9;
    progress.accept("bench: floor counted " + floorLines + " JSON lines; now DuckDB's campaign funnel from the same files");
    DuckDbFunnel.Result duckdb = DuckDbFunnel.run(logs, work.resolve("duckdb-tmp"), Runtime.getRuntime().availableProcessors());
    progress.accept(String.format(java.util.Locale.ROOT, "bench: DuckDB took %.1f s for %d funnel rows; now ingest", duckdb.seconds(), duckdb.rows().size()));
    Path lake = work.resolve("lake-bench");
    deleteRecursively(lake);
    KeyRing keys = BenchLogs.keys(work);
    t = System.nanoTime();
    IngestResult result =
        new IngestJob(spark, progress)
            .run(new IngestSettings(logs.toAbsolutePath().toString(), lake.toAbsolutePath().toString(), keys, BenchLogs.APP_SECRET, true, false, IngestSettings.DEFAULT_MAX_LINE_BYTES));
    double ingestSeconds = (System.nanoTime() - t) / 1e9;
    t = System.nanoTime();
    RefineResult refined = new RefineJob(spark, progress).run(lake.toAbsolutePath().toString());
    double refineSeconds = (System.nanoTime() - t) / 1e9;
    t = System.nanoTime();
    AggregateResult aggregated =
        new AggregateJob(spark, progress).run(defaultRules(lake.toAbsolutePath().toString()), new Pseudonymizer(keys.primary()));
    double aggregateSeconds = (System.nanoTime() - t) / 1e9;
    peak.stop();
    FunnelAgreement agreement = FunnelAgreement.of(duckdb.rows(), unsuppressedFunnel(lake.toAbsolutePath().toString()));
    return new Figures(events, generateSeconds, floorSeconds, duckdb, ingestSeconds, result, refineSeconds, refined, aggregateSeconds,
        aggregated, agreement, peak.maxUsedBytes(), PeakHeap.peakResidentBytes());
  }

  /** gold.campaign_funnel's unsuppressed rows, keyed and ordered as {@link FunnelAgreement} expects. */
  private Map<String, long[]> unsuppressedFunnel(String lakeRoot) {
    Map<String, long[]> rows = new HashMap<>();
    for (Row row : new Lake(spark, lakeRoot).read(TableSchemas.CAMPAIGN_FUNNEL)
        .filter(col("period").equalTo("day").and(expr("NOT array_contains(withheld, 'sent') AND NOT array_contains(withheld, 'converted')")))
        .selectExpr(Stream.concat(Stream.of("concat_ws('|', client, campaign, CAST(period_start AS STRING)) AS key"), Stream.of(FunnelAgreement.MEASURES))
            .toArray(String[]::new))
        .collectAsList()) {
      long[] measures = new long[FunnelAgreement.MEASURES.length];
      for (int i = 0; i < measures.length; i++) {
        measures[i] = row.getLong(i + 1);
      }
      rows.put(row.getString(0), measures);
    }
    return rows;
  }

  /** SPEC defaults: k = 11, 24 h replies, 7 days of attribution, every WABA its own client. */
  static AggregateSettings defaultRules(String lake) {
    return new AggregateSettings(lake, StatedRules.of(FunnelRules.DEFAULTS), ClientDirectory.none(), BusinessFiles.none(), false);
  }

  static void write(Path file, String text) {
    try {
      io.conversa.common.OwnerOnlyFiles.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.conversa.bench;

import io.conversa.aggregate.AggregateJob;
import io.conversa.aggregate.AggregateResult;
import io.conversa.aggregate.AggregateSettings;
import io.conversa.aggregate.BusinessFiles;
import io.conversa.config.ClientDirectory;
import io.conversa.config.FunnelRules;
import io.conversa.config.StatedRules;
import io.conversa.generate.GeneratorSettings;
import io.conversa.ingest.IngestJob;
import io.conversa.ingest.IngestSettings;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.refine.RefineJob;
import io.conversa.release.ReleaseOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * What deciding a release costs as history and clients grow: for each number of days, generated
 * logs of {@code clients} businesses with {@code campaigns} campaigns each (refined once, then
 * kept), and {@code aggregate --full} at k = 11 on them, timed as a whole and as its release (the
 * witness programmes of every client, one Spark task a client).
 */
public final class ReleaseBenchmark {
  /** One history measured. */
  public record Measure(int days, int clients, long events, AggregateResult result) {
    String line() {
      ReleaseOutcome release = result.release();
      return String.format(Locale.ROOT, "  %4d days  %3d clients  %,9d events  %,7d figures  %,6d withheld for k  %,6d to protect  %,7d programmes"
              + "  release %7.1f s (slowest client %6.1f s)  aggregate %7.1f s",
          days, clients, events, release.figures(), release.withheldPrimary(), release.withheldComplementary(), release.programmes(),
          release.seconds(), release.slowestClientSeconds(), result.seconds());
    }
  }

  private final SparkSession spark;
  private final Consumer<String> progress;

  public ReleaseBenchmark(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public List<String> run(List<Integer> days, int clients, int campaigns, long eventsPerDay, long seed, Path work) {
    List<Measure> measures = new ArrayList<>();
    for (int d : days) {
      measures.add(measure(d, clients, campaigns, eventsPerDay, seed, work));
      progress.accept(measures.get(measures.size() - 1).line().strip());
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "bench: release at k = 11, %d campaigns a client, %,d events a client a day, %d cores",
        campaigns, eventsPerDay, Runtime.getRuntime().availableProcessors()));
    measures.forEach(m -> lines.add(m.line()));
    Measure first = measures.get(0);
    for (Measure m : measures.subList(1, measures.size())) {
      lines.add(String.format(Locale.ROOT, "release_seconds_ratio_%dd_to_%dd=%.2f", m.days(), first.days(),
          m.result().release().seconds() / first.result().release().seconds()));
    }
    return lines;
  }

  private Measure measure(int days, int clients, int campaigns, long eventsPerDay, long seed, Path work) {
    long events = eventsPerDay * days * clients;
    byte[] secret = BenchLogs.APP_SECRET;
    GeneratorSettings defaults = GeneratorSettings.defaults(events, secret);
    GeneratorSettings settings = new GeneratorSettings(events, clients, 2, defaults.usersPerClient(), campaigns, defaults.start(), days,
        seed, GeneratorSettings.defaultFiles(events), defaults.malformedRate(), defaults.duplicateRate(), defaults.outOfOrderRate(),
        defaults.forgedRate(), defaults.envelopeShare(), defaults.gzipShare(), secret);
    Path folder = work.resolve("release-" + BenchLogs.GENERATOR_LAYOUT + "-" + days + "d-" + clients + "c-" + campaigns + "x-" + eventsPerDay + "-" + seed);
    Path logs = BenchLogs.generateOnce(spark, progress, folder.resolve("logs"), settings);
    KeyRing keys = BenchLogs.keys(work);
    Path lake = folder.resolve("lake");
    Path refined = lake.resolve("_bench_refined");
    if (!Files.exists(refined)) {
      PipelineBenchmark.deleteRecursively(lake);
      progress.accept(new IngestJob(spark, progress).run(new IngestSettings(logs.toAbsolutePath().toString(), lake.toAbsolutePath().toString(),
          keys, secret, true, false, IngestSettings.DEFAULT_MAX_LINE_BYTES)).summary());
      progress.accept(new RefineJob(spark, progress).run(lake.toAbsolutePath().toString()).summary());
      PipelineBenchmark.write(refined, "refined\n");
    }
    AggregateSettings full = new AggregateSettings(lake.toAbsolutePath().toString(), StatedRules.of(FunnelRules.DEFAULTS),
        ClientDirectory.none(), BusinessFiles.none(), true);
    AggregateResult result = new AggregateJob(spark, progress).run(full, new Pseudonymizer(keys.primary()));
    return new Measure(days, clients, events, result);
  }
}

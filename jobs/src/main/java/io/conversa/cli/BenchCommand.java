package io.conversa.cli;

import io.conversa.bench.IncrementalBenchmark;
import io.conversa.bench.PipelineBenchmark;
import io.conversa.bench.ReleaseBenchmark;
import io.conversa.bench.SmallFilesBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures each stage's events/s (ingest, refine, aggregate, end to end) and",
      "peak memory beside two references, in the same run on the same files: the",
      "floor (Spark merely reading the logs as JSON with an explicit schema) and",
      "DuckDB computing the same campaign funnel from the raw logs. The last line is",
      "events_per_s=... ratio_vs_floor=... ratio_vs_duckdb=... (ratios of times:",
      "lower is better).",
      "With --incremental: what one more day costs on --history-days of history,",
      "beside that day alone.",
      "With --small: a week of one small business (427 lines unless --events)",
      "into a new lake, with the Spark jobs, stages, tasks and Delta commits of",
      "each stage.",
      "With --runs N: N daily runs (ingest + refine + aggregate), then the data",
      "files of every table.",
      "Logs are generated once per settings and seed, then cached under --work."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;

  @Option(names = "--events", defaultValue = "1000000", paramLabel = "N", description = "Events (log lines) to measure on (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--seed", defaultValue = "7", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--work", defaultValue = ".bench", paramLabel = "DIR", description = "Folder for cached logs and the scratch lake (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--incremental", description = "Measure one more day on a history instead (refine + aggregate).")
  boolean incremental;

  @Option(names = "--small", description = "Measure a small run instead: a week of one small business into a new lake, with each stage's jobs, stages, tasks and commits.")
  boolean small;

  @Option(names = "--runs", paramLabel = "N", description = "Daily runs, each on one more day of --events-per-day logs; prints the files per table after them.")
  Integer runs;

  @Option(names = "--release", split = ",", paramLabel = "DAYS", description = "Measure the release instead: aggregate --full at k = 11 on generated histories of these many days, e.g. 28,56,112.")
  List<Integer> releaseDays;

  @Option(names = "--clients", defaultValue = "1", paramLabel = "N", description = "With --release: businesses (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--campaigns", defaultValue = "6", paramLabel = "N", description = "With --release: campaigns a business (default: ${DEFAULT-VALUE}).")
  int campaigns;

  @Option(names = "--history-days", defaultValue = "30", paramLabel = "DAYS", description = "With --incremental: days of history (default: ${DEFAULT-VALUE}).")
  int historyDays;

  @Option(names = "--events-per-day", defaultValue = "100000", paramLabel = "N", description = "With --incremental or --runs: events a day (default: ${DEFAULT-VALUE}); with --release, a client's (default: 1500).")
  long eventsPerDay;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    if ((incremental ? 1 : 0) + (runs != null ? 1 : 0) + (releaseDays != null ? 1 : 0) + (small ? 1 : 0) > 1) {
      throw new ParameterException(spec.commandLine(), "--incremental, --runs, --release and --small measure different things: give one of them");
    }
    if (small) {
      long lines = spec.commandLine().getParseResult().hasMatchedOption("--events") ? events : 427;
      if (lines < 1) {
        throw new ParameterException(spec.commandLine(), "--events takes a whole number of at least 1");
      }
      new io.conversa.bench.SmallRunBenchmark(spark.session("bench"), console::progress).run(lines, seed, work).report().forEach(console::result);
      return 0;
    }
    if (releaseDays != null) {
      if (releaseDays.stream().anyMatch(d -> d < 1) || clients < 1 || campaigns < 1) {
        throw new ParameterException(spec.commandLine(), "--release, --clients and --campaigns take whole numbers of at least 1");
      }
      new ReleaseBenchmark(spark.session("bench"), console::progress).run(releaseDays, clients, campaigns, eventsPerDayOf(1_500), seed, work)
          .forEach(console::result);
      return 0;
    }
    if (runs != null) {
      if (runs < 1) {
        throw new ParameterException(spec.commandLine(), "--runs takes a whole number of at least 1");
      }
      new SmallFilesBenchmark(spark.session("bench"), console::progress).run(runs, eventsPerDay, seed, work).report().forEach(console::result);
      return 0;
    }
    if (incremental) {
      new IncrementalBenchmark(spark.session("bench"), console::progress).run(historyDays, eventsPerDay, seed, work).report().forEach(console::result);
      return 0;
    }
    PipelineBenchmark.Figures figures = new PipelineBenchmark(spark.session("bench"), console::progress).run(events, seed, work);
    figures.report().forEach(console::result);
    return 0;
  }

  /** --events-per-day when given, else this benchmark's own default. */
  private long eventsPerDayOf(long otherwise) {
    return spec.commandLine().getParseResult().hasMatchedOption("--events-per-day") ? eventsPerDay : otherwise;
  }
}

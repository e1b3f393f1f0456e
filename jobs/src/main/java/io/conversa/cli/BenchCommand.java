package io.conversa.cli;

import io.conversa.bench.IngestBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures ingest events/s beside the floor of Spark merely reading the same logs.",
      "The floor reads them as JSON with an explicit schema, in the same run on the same files.",
      "Logs are generated once per --events and --seed, then cached."
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

  @Override
  public Integer call() {
    Console console = new Console(spec);
    IngestBenchmark.Figures figures = new IngestBenchmark(spark.session("bench"), console::progress).run(events, seed, work);
    figures.report().forEach(console::result);
    return 0;
  }
}

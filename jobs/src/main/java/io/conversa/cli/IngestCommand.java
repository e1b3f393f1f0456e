package io.conversa.cli;

import io.conversa.ingest.IngestJob;
import io.conversa.ingest.IngestResult;
import io.conversa.ingest.IngestSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Ingests webhook log files into bronze.webhook_events and bronze.quarantine, exactly once.",
      "Reads only files not ingested before; stores each distinct body once, pseudonymised;",
      "quarantines every bad or forged line, encrypted, with its reason."
    })
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;
  @Mixin KeyOptions keys;

  @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder (or file) of webhook logs: *.jsonl, *.jsonl.gz; any Hadoop URI.")
  String input;

  @Option(names = "--lake", defaultValue = "lake", paramLabel = "DIR", description = "Lake root (default: ${DEFAULT-VALUE}).")
  String lake;

  @Option(names = "--reprocess", description = "Read every file again, also those already ingested (bodies are still stored once).")
  boolean reprocess;

  @Option(names = "--max-line-bytes", defaultValue = "16777216", paramLabel = "N", description = "Lines longer than this are quarantined as too_large (default: ${DEFAULT-VALUE}).")
  int maxLineBytes;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    IngestSettings settings = new IngestSettings(input, lake, keys.keys(), keys.appSecret(), reprocess, maxLineBytes);
    IngestResult result = new IngestJob(spark.session("ingest"), console::progress).run(settings);
    console.result(result.summary());
    return 0;
  }
}

package io.conversa.cli;

import io.conversa.ingest.IngestSettings;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.Pseudonymizer;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the pipeline: ingest (logs -> bronze), refine (bronze -> silver), aggregate (silver -> gold).",
      "Each stage is incremental and safe to rerun."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;
  @Mixin KeyOptions keys;
  @Mixin FunnelOptions funnel;

  @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder (or file) of webhook logs: *.jsonl, *.jsonl.gz; any Hadoop URI.")
  String input;

  @Option(names = "--lake", defaultValue = "lake", paramLabel = "DIR", description = "Lake root (default: ${DEFAULT-VALUE}).")
  String lake;

  @Option(names = "--reprocess", description = "Read every log file again, also those already ingested (bodies are still stored once).")
  boolean reprocess;

  @Option(names = "--max-line-bytes", defaultValue = "16777216", paramLabel = "N", description = "Lines longer than this are quarantined as too_large (default: ${DEFAULT-VALUE}).")
  int maxLineBytes;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    long started = System.nanoTime();
    KeyRing keyRing = keys.keys();
    var settings = funnel.settings(lake);
    SparkSession session = spark.session("run");
    Pipeline.run(session, console,
        new IngestSettings(input, lake, keyRing, keys.appSecret(), reprocess, maxLineBytes), settings,
        new Pseudonymizer(keyRing.primary()));
    console.result(String.format(Locale.ROOT, "run: done in %.1f s", (System.nanoTime() - started) / 1e9));
    return 0;
  }
}

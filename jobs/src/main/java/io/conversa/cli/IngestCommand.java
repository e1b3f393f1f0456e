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
  @Mixin IngestOptions ingest;

  @Mixin LakeOption lakeOption;
  @Mixin LeaseOption lease;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    var session = spark.session("ingest");
    keys.keys(); // a missing or bad key is a usage error before the lake is touched
    try (var held = lease.acquire(session, lakeOption.root, "ingest", console)) {
      IngestSettings settings = ingest.settings(lakeOption.root, keys.keysOf(session, lakeOption.root), keys.appSecret());
      IngestResult result = new IngestJob(session, console::progress).run(settings);
      console.result(result.summary());
    }
    return 0;
  }
}

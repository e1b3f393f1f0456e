package io.conversa.cli;

import io.conversa.privacy.KeyRing;
import io.conversa.lake.PseudonymLinkTable;
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
  @Mixin IngestOptions ingest;
  @Mixin FunnelOptions funnel;

  @Mixin LakeOption lakeOption;
  @Mixin LeaseOption lease;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    long started = System.nanoTime();
    var settings = funnel.settings(lakeOption.root);
    SparkSession session = spark.session("run");
    keys.keys(); // a missing or bad key is a usage error before the lake is touched
    try (var held = lease.acquire(session, lakeOption.root, "run", console)) {
      KeyRing keyRing = keys.keysOf(session, lakeOption.root);
      Pipeline.run(session, console,
          ingest.settings(lakeOption.root, keyRing, keys.appSecret()), settings,
          PseudonymLinkTable.pseudonymizer(new io.conversa.lake.Lake(session, lakeOption.root), keyRing));
    }
    console.result(String.format(Locale.ROOT, "run: done in %.1f s", (System.nanoTime() - started) / 1e9));
    return 0;
  }
}

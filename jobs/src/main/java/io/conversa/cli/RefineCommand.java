package io.conversa.cli;

import io.conversa.refine.RefineJob;
import io.conversa.refine.RefineResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "refine",
    mixinStandardHelpOptions = true,
    description = {
      "Refines bronze into the silver tables: messages, statuses, outbound_messages, conversions, user_links.",
      "Incremental: reads only bodies ingested since the last refine; statuses in any order and late",
      "ones update the lifecycle they belong to."
    })
final class RefineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;
  @Mixin KeyOptions keys;

  @Mixin LakeOption lakeOption;
  @Mixin LeaseOption lease;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    var session = spark.session("refine");
    keys.keys(); // a missing or bad key is a usage error before the lake is touched
    try (var held = lease.acquire(session, lakeOption.root, "refine", console)) {
      keys.keysOf(session, lakeOption.root);
      RefineResult result = new RefineJob(session, console::progress).run(lakeOption.root);
      console.result(result.summary());
    }
    return 0;
  }
}

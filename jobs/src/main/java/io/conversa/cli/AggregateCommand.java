package io.conversa.cli;

import io.conversa.aggregate.AggregateJob;
import io.conversa.aggregate.AggregateResult;
import io.conversa.lake.PseudonymLinkTable;
import io.conversa.privacy.Pseudonymizer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    description = {
      "Aggregates silver into gold: campaign_funnel, number_funnel, conversations, ad_referrals, by day, ISO week and month.",
      "Recomputes the periods new silver rows touched. Withholds every figure fewer than k people contributed to,",
      "then every figure that would reveal one (complementary suppression), until a linear-programming disclosure",
      "audit passes; records the rules in gold.releases and the checks in gold.quality_checks."
    })
final class AggregateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;
  @Mixin KeyOptions keys;
  @Mixin FunnelOptions funnel;

  @Mixin LakeOption lakeOption;
  @Mixin LeaseOption lease;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    var session = spark.session("aggregate");
    keys.keys(); // a missing or bad key is a usage error before the lake is touched
    try (var held = lease.acquire(session, lakeOption.root, "aggregate", console)) {
      Pseudonymizer pseudonymizer = PseudonymLinkTable.pseudonymizer(new io.conversa.lake.Lake(session, lakeOption.root), keys.keysOf(session, lakeOption.root));
      AggregateResult result = new AggregateJob(session, console::progress).run(funnel.settings(lakeOption.root), pseudonymizer);
      console.result(result.summary());
    }
    return 0;
  }
}

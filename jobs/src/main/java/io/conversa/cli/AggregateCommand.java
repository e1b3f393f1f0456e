package io.conversa.cli;

import io.conversa.aggregate.AggregateJob;
import io.conversa.aggregate.AggregateResult;
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
      "Aggregates silver into gold: campaign_funnel, daily_funnel, conversations_daily, ad_referrals.",
      "Recomputes only the dates new silver rows touched; suppresses every row from fewer than k users;",
      "runs the data-quality checks and keeps their results in gold.quality_checks."
    })
final class AggregateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;
  @Mixin KeyOptions keys;
  @Mixin FunnelOptions funnel;

  @Option(names = "--lake", defaultValue = "lake", paramLabel = "DIR", description = "Lake root (default: ${DEFAULT-VALUE}).")
  String lake;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    Pseudonymizer pseudonymizer = new Pseudonymizer(keys.keys().primary());
    AggregateResult result = new AggregateJob(spark.session("aggregate"), console::progress).run(funnel.settings(lake), pseudonymizer);
    console.result(result.summary());
    return 0;
  }
}

package io.conversa.cli;

import io.conversa.aggregate.Releases;
import io.conversa.common.Errors;
import io.conversa.config.FunnelRules;
import io.conversa.aggregate.GoldTables;
import io.conversa.release.GoldSpaces;
import java.util.Map;
import io.conversa.lake.Lake;
import io.conversa.release.GoldAudit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "The disclosure audit of what gold publishes, read as an attacker reads it: for every client, the published",
      "figures, the linear relations among them (days add up to weeks and months, campaigns to numbers, pricing",
      "categories to a number's sent), and for every withheld figure from fewer than k people its feasible interval",
      "by linear programming. Lists each such figure whose interval is narrower than k (counts of people's events)",
      "or pins it down (splits and money). Figures withheld only to protect those have k people of their own and",
      "need no protection. Which withheld figures are below k, aggregate records beside gold, never in it; without",
      "that record every withheld figure is audited. Reads gold only; needs no key. Exit 0 when nothing is found."
    })
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;
  @Mixin LakeOption lake;

  @Option(names = "--client", paramLabel = "NAME", description = "Only this client (default: every client in gold).")
  String client;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    long started = System.nanoTime();
    Lake theLake = new Lake(spark.session("audit"), lake.root);
    io.conversa.lake.CodeGeneration.interpret(theLake.spark());
    io.conversa.lake.AdaptiveExecution.off(theLake.spark());
    FunnelRules rules = Releases.latestRules(theLake);
    if (rules == null) {
      throw Errors.usage("lake " + lake.root + " has no gold.releases row: nothing says which k its gold was built with.",
          "run `conversa aggregate --full --lake " + lake.root + "` first (or pass the right --lake).");
    }
    Map<String, io.conversa.schema.TableSchema> schemas = new java.util.HashMap<>();
    GoldTables.FIGURES.forEach(e -> schemas.put(e.name(), e.schema()));
    List<GoldAudit.ClientResult> audits = GoldAudit.run(theLake, GoldTables.specs(), schemas, GoldSpaces.all(), client, rules.minGroupSize());
    if (client != null && audits.isEmpty()) {
      throw Errors.usage("--client names a client with no rows in gold.", "leave --client out to audit every client.");
    }
    int findings = 0;
    for (GoldAudit.ClientResult audit : audits) {
      console.result(String.format(Locale.ROOT, "audit: %s: %,d additive figures published (sums of atoms: counts and money), %,d withheld (%,d from fewer than k"
          + " people); %s",
          audit.client(), audit.published(), audit.withheld(), audit.sensitive(),
          audit.findings().isEmpty() ? "every one of those has a witness: no reader can work it out"
              : audit.findings().size() + " have no witness:"));
      for (String finding : audit.findings()) {
        console.result("  " + finding);
      }
      findings += audit.findings().size();
    }
    console.result(String.format(Locale.ROOT, "audit: %d clients at k = %d, %d findings (%.1f s)", audits.size(), rules.minGroupSize(),
        findings, (System.nanoTime() - started) / 1e9));
    return findings == 0 ? 0 : 1;
  }
}

package io.conversa.cli;

import io.conversa.aggregate.AggregateSettings;
import io.conversa.aggregate.BusinessFiles;
import io.conversa.config.ClientDirectory;
import io.conversa.config.FunnelRules;
import io.conversa.config.StatedRules;
import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.ingest.IngestSettings;
import io.conversa.lake.Lake;
import io.conversa.privacy.KeyRing;
import io.conversa.lake.PseudonymLinkTable;
import io.conversa.report.ReportJob;
import io.conversa.report.ReportResult;
import io.conversa.report.ReportWeek;
import io.conversa.report.WeeklyFigures;
import io.conversa.schema.TableSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generates sample logs of four businesses (one small), runs every stage into ./lake and prints each client's",
      "campaign funnel, then writes every client's weekly report of the latest full week into ./reports.",
      "Needs no key or configuration: it makes a demo key, app secret and clients configuration under --dir."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;

  @Option(names = "--dir", defaultValue = "demo", paramLabel = "DIR", description = "Folder for the demo's logs, key, app secret and clients configuration (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Mixin LakeOption lakeOption;
  @Mixin LeaseOption lease;

  @Option(names = "--events", defaultValue = "60000", paramLabel = "N", description = "Log lines to generate (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--min-group-size", defaultValue = "" + FunnelRules.DEFAULT_MIN_GROUP_SIZE, paramLabel = "K", description = "Suppress gold rows from fewer than K users (default: ${DEFAULT-VALUE}).")
  int minGroupSize;

  @Option(names = "--reports", defaultValue = "reports", paramLabel = "DIR", description = "Folder for the sample weekly reports (default: ${DEFAULT-VALUE}).")
  Path reports;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    long started = System.nanoTime();
    SparkSession session = spark.session("demo");
    Path keyFile = dir.resolve("conversa-demo.key");
    if (!Files.exists(keyFile)) {
      KeygenCommand.write(keyFile, KeyRing.generateText("demo"));
    }
    Path secretFile = dir.resolve("app-secret");
    byte[] secret = GenerateCommand.readOrCreateSecret(secretFile);
    // A webhook logger that keeps headers: 2 % of lines raw, which the app secret quarantines as unsigned.
    // Three shops of thousands of people and a small one of 60, whose weekly report shows what
    // periods do for a business its size.
    GeneratorSettings generator = GeneratorSettings.defaults(events, secret).withEnvelopeShare(0.98).withClients(4);
    Path clientsFile = dir.resolve("clients.json");
    GenerateCommand.writeClients(clientsFile, generator);
    Path logs = dir.resolve("logs");
    Path business = dir.resolve("business");
    if (isEmpty(logs)) {
      console.progress("demo: generating " + events + " webhook log lines into " + logs + ", the Pix checkouts' send log and payments into " + business);
      LogGenerator.Result generated = LogGenerator.generate(session, generator, logs.toAbsolutePath().toString(), business.toAbsolutePath().toString());
      console.progress("demo: " + generated.lines() + " lines in " + generated.files() + " files");
    }
    KeyRing keys = KeyRing.read(keyFile);
    ClientDirectory clients = ClientDirectory.read(clientsFile);
    try (var held = lease.acquire(session, lakeOption.root, "demo", console)) {
      io.conversa.privacy.LakeKeys.verify(session, new Lake(session, lakeOption.root).root(), keys);
      // The demo's lake is its own: another --min-group-size than its last run's rebuilds gold.
      FunnelRules rules = FunnelRules.DEFAULTS.withMinGroupSize(minGroupSize);
      boolean rebuild = !rules.equals(io.conversa.aggregate.Releases.latestRules(new Lake(session, lakeOption.root)));
      Pipeline.run(
          session,
          console,
          new IngestSettings(logs.toAbsolutePath().toString(), lakeOption.root, keys, secret, false, false, IngestSettings.DEFAULT_MAX_LINE_BYTES),
          new AggregateSettings(lakeOption.root, StatedRules.of(rules), clients, businessFiles(business), rebuild),
          PseudonymLinkTable.pseudonymizer(new Lake(session, lakeOption.root), keys));
    }
    Lake theLake = new Lake(session, lakeOption.root);
    new FunnelTable(console.out(), clients).print(theLake.read(TableSchemas.CAMPAIGN_FUNNEL));
    writeReports(session, clients, clientsFile, console);
    console.result(String.format(Locale.ROOT,
        "demo: lake %s holds %,d events, %,d quarantined lines and the gold funnels above; explore with"
            + " bin/conversa sql --lake %s (notebooks in notebooks/) (%.1f s)",
        lakeOption.root, theLake.read(TableSchemas.WEBHOOK_EVENTS).count(), theLake.read(TableSchemas.QUARANTINE).count(), lakeOption.root,
        (System.nanoTime() - started) / 1e9));
    return 0;
  }

  /** The demo's send log and Pix payments, when its logs were generated with them. */
  private static BusinessFiles businessFiles(Path business) {
    Path sendLog = business.resolve("send-log");
    Path payments = business.resolve("payments");
    return Files.isDirectory(sendLog) && Files.isDirectory(payments)
        ? new BusinessFiles(sendLog.toAbsolutePath().toString(), payments.toAbsolutePath().toString(), null)
        : BusinessFiles.none();
  }

  /** The sample reports: every client, the latest week the data covers in full. */
  private void writeReports(SparkSession session, ClientDirectory clients, Path clientsFile, Console console) {
    LocalDate lastDay = WeeklyFigures.lastDay(new Lake(session, lakeOption.root).read(TableSchemas.NUMBER_FUNNEL));
    if (lastDay == null) {
      console.progress("demo: gold is empty, so there is no week to report");
      return;
    }
    ReportWeek week = ReportWeek.latestFullWeekEndingBy(lastDay);
    ReportResult result = new ReportJob(session, console::progress)
        .run(ReportCommand.demo(lakeOption.root, week, reports, clients, clientsFile.toAbsolutePath().getParent()));
    console.result(String.format(Locale.ROOT, "demo: weekly reports of %s for %d clients in %s/<client>/%s/ (report.html, report.pdf, report.csv)",
        week.label(), result.reports().size(), reports, week.label()));
  }

  private static boolean isEmpty(Path folder) {
    if (!Files.isDirectory(folder)) {
      return true;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.noneMatch(p -> p.getFileName().toString().startsWith("webhook-log-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

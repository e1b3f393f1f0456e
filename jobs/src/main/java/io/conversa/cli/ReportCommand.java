package io.conversa.cli;

import io.conversa.config.ClientDirectory;
import io.conversa.common.Errors;
import io.conversa.report.ReportJob;
import io.conversa.report.ReportLocale;
import io.conversa.report.ReportResult;
import io.conversa.report.ReportSettings;
import io.conversa.report.ReportWeek;
import io.conversa.report.SmtpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes each client's weekly report from gold: <out>/<client>/<week>/report.html, report.pdf and report.csv.",
      "Headline figures beside last week's with a significance test, the funnel and daily trend as charts, top",
      "campaigns and ads, withheld (fewer than k users) rows counted, data quality. --send e-mails them (SMTP from",
      "CONVERSA_SMTP_*); without it nothing leaves the machine."
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;

  @Mixin LakeOption lakeOption;

  @Option(names = "--week", required = true, paramLabel = "YYYY-Www", description = "ISO week to report, e.g. 2026-W47 (Monday to Sunday, UTC).")
  String week;

  @Option(names = "--client", paramLabel = "NAME", description = "Only this client (default: every client in gold).")
  String client;

  @Option(names = "--out", defaultValue = "reports", paramLabel = "DIR", description = "Output folder, any Hadoop URI (s3a://, abfss://, hdfs://) (default: ${DEFAULT-VALUE}).")
  String out;

  @Option(names = "--locale", paramLabel = "TAG", description = "Language of every report: pt-BR, en or es (default: each client's locale in --config, else en).")
  String locale;

  @Option(names = "--config", paramLabel = "FILE", description = "Clients configuration: display names, logos, recipients.")
  Path config;

  @Option(names = "--min-group-size", paramLabel = "K", description = "Optional: the k you expect gold to have been built with; the report always uses gold's own (gold.releases) and refuses a different one.")
  Integer minGroupSize;

  @Option(names = "--reply-window", paramLabel = "DURATION", converter = DurationConverter.class, description = "Optional: the reply window you expect gold to have been built with; checked like --min-group-size.")
  Duration replyWindow;

  @Option(names = "--attribution-window", paramLabel = "DURATION", converter = DurationConverter.class, description = "Optional: the attribution window you expect gold to have been built with; checked like --min-group-size.")
  Duration attributionWindow;

  @Option(names = "--send", description = "E-mail each report (HTML body, PDF and CSV attached) to the client's recipients over SMTP (CONVERSA_SMTP_*).")
  boolean send;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    ReportSettings settings = settings();
    // Gold holds no pseudonym and no identifier: the report needs no key.
    var session = spark.session("report");
    ReportResult result = new ReportJob(session, console::progress).run(settings);
    console.result(result.summary(out));
    return 0;
  }

  /** Every flag checked before Spark starts: a usage error costs no start-up. */
  ReportSettings settings() {
    if (minGroupSize != null && minGroupSize < 1) {
      throw Errors.usage("--min-group-size takes a whole number of at least 1.", "pass e.g. --min-group-size 11.");
    }
    ClientDirectory clients = config == null ? ClientDirectory.none() : ClientDirectory.read(config);
    Path configFolder = config == null ? null : config.toAbsolutePath().getParent();
    SmtpSettings smtp = send ? SmtpSettings.fromEnvironment(System.getenv()) : null;
    return new ReportSettings(lakeOption.root, ReportWeek.parse(week), client, out, locale == null ? null : ReportLocale.parse(locale), clients, configFolder,
        minGroupSize, replyWindow, attributionWindow, smtp);
  }

  /** The demo's reports: every client, the given week, each in its configured language, gold's own rules. */
  static ReportSettings demo(String lake, ReportWeek week, Path out, ClientDirectory clients, Path configFolder) {
    return new ReportSettings(lake, week, null, out.toString(), null, clients, configFolder, null, null, null, null);
  }
}

package io.conversa.report;

import io.conversa.common.Errors;
import io.conversa.config.ClientDirectory;
import io.conversa.lake.CodeGeneration;
import io.conversa.lake.Concurrently;
import io.conversa.lake.Lake;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code conversa report}: for each client, the week's figures from gold, rendered to
 * {@code <out>/<client>/<week>/report.html}, {@code .pdf} and {@code .csv}, and mailed to the
 * client's recipients when SMTP settings are given. Reads gold and bronze.quarantine; writes no table.
 */
public final class ReportJob {
  private final SparkSession spark;
  private final Consumer<String> progress;
  private final ReportFiles files;

  public ReportJob(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
    this.files = new ReportFiles(spark.sparkContext().hadoopConfiguration());
  }

  public ReportResult run(ReportSettings settings) {
    long started = System.nanoTime();
    spark.sparkContext().setJobGroup("report", "conversa report " + settings.week().label(), false);
    CodeGeneration.interpret(spark);
    io.conversa.lake.AdaptiveExecution.off(spark);
    GoldInputs all = GoldInputs.read(new Lake(spark, settings.lake()));
    settings.checkAgainst(all.rules());
    // Listing the clients scans every gold table; the week's rows are read meanwhile.
    List<Object> ready = Concurrently.run(spark, List.<java.util.concurrent.Callable<Object>>of(
        () -> clients(all, settings), () -> all.forWeeks(settings.week())));
    @SuppressWarnings("unchecked")
    List<String> clients = (List<String>) ready.get(0);
    GoldInputs gold = (GoldInputs) ready.get(1);
    try {
      QualityFigures quality = WeeklyFigures.quality(gold.qualityChecks(), gold.quarantine(), settings.week());
      Mailer mailer = settings.smtp() == null ? null : new Mailer(settings.smtp());
      List<ReportResult.Written> written = new ArrayList<>();
      Set<String> folders = new HashSet<>();
      int mailed = 0;
      for (String client : clients) {
        ClientDirectory.Client configured = configured(settings.clients(), client);
        String displayName = configured == null ? client : configured.displayName();
        String logo = configured == null ? null : Logos.dataUri(configured.logo(), settings.configFolder(), progress);
        long clientStarted = System.nanoTime();
        WeeklyReport report = WeeklyReports.of(gold, client, displayName, logo, settings.week(), gold.rules());
        long figuresDone = System.nanoTime();
        String folderName = ReportPaths.folderName(client);
        if (!folders.add(folderName)) {
          folderName = ReportPaths.distinctFolderName(client);
          folders.add(folderName);
        }
        Path folder = new Path(new Path(settings.out(), folderName), settings.week().label());
        Locale locale = settings.localeOf(configured);
        String html = ReportRenderer.html(report, locale, LocalDate.now(ZoneOffset.UTC));
        byte[] pdf = PdfWriter.pdf(html, folderName);
        byte[] csv = CsvWriter.csv(report, locale).getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> reportFiles = new LinkedHashMap<>();
        reportFiles.put("report.html", html.getBytes(StandardCharsets.UTF_8));
        reportFiles.put("report.pdf", pdf);
        reportFiles.put("report.csv", csv);
        files.write(folder, reportFiles);
        List<String> recipients = configured == null ? List.of() : configured.recipients();
        progress.accept(String.format(Locale.ROOT, "report: %s%s (figures %.1f s, pages %.1f s)", folder, report.empty() ? " (no activity)" : "",
            (figuresDone - clientStarted) / 1e9, (System.nanoTime() - figuresDone) / 1e9));
        if (mailer != null) {
          if (recipients.isEmpty()) {
            progress.accept("report: " + client + " has no recipients in the clients configuration; not e-mailed.");
          } else {
            mailer.send(new Mailer.Outgoing(recipients, subject(report, locale),
                ReportRenderer.mailHtml(report, locale, LocalDate.now(ZoneOffset.UTC)), ReportRenderer.chartImages(report, locale), pdf, csv));
            mailed++;
          }
        }
        written.add(new ReportResult.Written(client, folder.toString(), report.empty(), recipients.size()));
      }
      writeAgencySummary(settings, quality, written);
      return new ReportResult(settings.week(), written, mailed, (System.nanoTime() - started) / 1e9);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  private static List<String> clients(GoldInputs gold, ReportSettings settings) {
    List<String> inGold = WeeklyFigures.clients(gold.aggregates());
    if (settings.client() == null) {
      return inGold;
    }
    boolean known = inGold.contains(settings.client()) || configured(settings.clients(), settings.client()) != null;
    if (!known) {
      throw Errors.usage("--client names a client in neither gold nor the clients configuration.",
          "pass one of: " + String.join(", ", inGold) + " (or leave --client out for every client).");
    }
    return List.of(settings.client());
  }

  /**
   * What the agency needs and the client does not: the lake's quarantined lines and quality
   * checks, beside the client folders as {@code <week>-agency-summary.txt}.
   */
  private void writeAgencySummary(ReportSettings settings, QualityFigures quality, List<ReportResult.Written> written) {
    StringBuilder text = new StringBuilder()
        .append("conversa weekly reports ").append(settings.week().label()).append(" - for the agency, not for clients\n")
        .append("quarantined lines: ").append(quality.quarantinedInWeek()).append(" ingested this week, ").append(quality.quarantinedTotal())
        .append(" in the lake (see conversa quarantine)\n")
        .append("quality checks (latest run of each): ").append(quality.checksPassed()).append(" passed, ").append(quality.checksFailed())
        .append(" failed").append(quality.failedChecks().isEmpty() ? "" : ": " + String.join("; ", quality.failedChecks())).append('\n');
    for (ReportResult.Written report : written) {
      text.append("report: ").append(report.client()).append(" -> ").append(report.folder()).append(report.empty() ? " (no activity)" : "")
          .append('\n');
    }
    String name = settings.week().label() + "-agency-summary.txt";
    files.write(new Path(settings.out()), Map.of(name, text.toString().getBytes(StandardCharsets.UTF_8)));
    progress.accept("report: quarantine and quality checks for the agency in " + new Path(settings.out(), name));
  }

  private static ClientDirectory.Client configured(ClientDirectory directory, String client) {
    return directory.clients().stream().filter(c -> c.name().equals(client)).findFirst().orElse(null);
  }

  private static String subject(WeeklyReport report, Locale locale) {
    return new ReportText(locale).get("mail.subject", report.displayName(), report.week().label());
  }
}

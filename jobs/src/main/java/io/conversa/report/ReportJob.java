package io.conversa.report;

import io.conversa.config.ClientDirectory;
import io.conversa.common.Errors;
import io.conversa.lake.Lake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * {@code conversa report}: for each client, the week's figures from gold, rendered to
 * {@code <out>/<client>/<week>/report.html}, {@code .pdf} and {@code .csv}, and mailed to the
 * client's recipients when SMTP settings are given. Reads gold and bronze.quarantine; writes no table.
 */
public final class ReportJob {
  private final SparkSession spark;
  private final Consumer<String> progress;

  public ReportJob(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public ReportResult run(ReportSettings settings) {
    long started = System.nanoTime();
    spark.sparkContext().setJobGroup("report", "conversa report " + settings.week().label(), false);
    GoldInputs all = GoldInputs.read(new Lake(spark, settings.lake()));
    settings.checkAgainst(all.rules());
    List<String> clients = clients(all, settings);
    GoldInputs gold = all.forWeeks(settings.week());
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
        WeeklyReport report = WeeklyReports.of(gold, client, displayName, logo, settings.week(), gold.rules(), quality);
        String folderName = ReportPaths.folderName(client);
        if (!folders.add(folderName)) {
          folderName = ReportPaths.distinctFolderName(client);
          folders.add(folderName);
        }
        Path folder = settings.out().resolve(folderName).resolve(settings.week().label());
        String html = ReportRenderer.html(report, settings.locale(), LocalDate.now(ZoneOffset.UTC));
        byte[] pdf = PdfWriter.pdf(html, folderName);
        byte[] csv = CsvWriter.csv(report).getBytes(StandardCharsets.UTF_8);
        write(folder, html, pdf, csv);
        List<String> recipients = configured == null ? List.of() : configured.recipients();
        progress.accept("report: " + folder + (report.empty() ? " (no activity)" : ""));
        if (mailer != null) {
          if (recipients.isEmpty()) {
            progress.accept("report: " + client + " has no recipients in the clients configuration; not e-mailed.");
          } else {
            mailer.send(new Mailer.Outgoing(recipients, subject(report, settings), html, pdf, csv));
            mailed++;
          }
        }
        written.add(new ReportResult.Written(client, folder, report.empty(), recipients.size()));
      }
      return new ReportResult(settings.week(), written, mailed, (System.nanoTime() - started) / 1e9);
    } finally {
      gold.release();
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
      throw Errors.usage("--client " + settings.client() + " is in neither gold nor the clients configuration.",
          "pass one of: " + String.join(", ", inGold) + " (or leave --client out for every client).");
    }
    return List.of(settings.client());
  }

  private static ClientDirectory.Client configured(ClientDirectory directory, String client) {
    return directory.clients().stream().filter(c -> c.name().equals(client)).findFirst().orElse(null);
  }

  private static String subject(WeeklyReport report, ReportSettings settings) {
    return new ReportText(settings.locale()).get("mail.subject", report.displayName(), report.week().label());
  }

  private static void write(Path folder, String html, byte[] pdf, byte[] csv) {
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("report.html"), html, StandardCharsets.UTF_8);
      Files.write(folder.resolve("report.pdf"), pdf);
      Files.write(folder.resolve("report.csv"), csv);
    } catch (IOException e) {
      throw Errors.runFailed("cannot write the report to " + folder + ": " + e.getClass().getSimpleName() + ".",
          "check that --out is a writable folder.", e);
    }
  }
}

package io.conversa.report;

import io.conversa.common.Errors;
import io.conversa.config.ClientDirectory;
import io.conversa.lake.Lake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
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
        WeeklyReport report = WeeklyReports.of(gold, client, displayName, logo, settings.week(), gold.rules());
        String folderName = ReportPaths.folderName(client);
        if (!folders.add(folderName)) {
          folderName = ReportPaths.distinctFolderName(client);
          folders.add(folderName);
        }
        Path folder = new Path(new Path(settings.out(), folderName), settings.week().label());
        Locale locale = settings.localeOf(configured);
        String html = ReportRenderer.html(report, locale, LocalDate.now(ZoneOffset.UTC));
        byte[] pdf = PdfWriter.pdf(html, folderName);
        byte[] csv = CsvWriter.csv(report).getBytes(StandardCharsets.UTF_8);
        write(folder, html, pdf, csv);
        List<String> recipients = configured == null ? List.of() : configured.recipients();
        progress.accept("report: " + folder + (report.empty() ? " (no activity)" : ""));
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
    Path file = new Path(settings.out(), settings.week().label() + "-agency-summary.txt");
    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    conf.set("fs.permissions.umask-mode", "077");
    try (FileSystem fs = FileSystem.newInstance(file.toUri(), conf)) {
      fs.setWriteChecksum(false);
      writeFile(fs, file, text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw Errors.runFailed("cannot write " + file + ": " + e.getClass().getSimpleName() + ".", "check that --out is writable.", e);
    }
    progress.accept("report: quarantine and quality checks for the agency in " + file);
  }

  private static void writeFile(FileSystem fs, Path path, byte[] bytes) throws IOException {
    try (FSDataOutputStream out = fs.create(path, true)) {
      out.write(bytes);
    }
  }

  private static ClientDirectory.Client configured(ClientDirectory directory, String client) {
    return directory.clients().stream().filter(c -> c.name().equals(client)).findFirst().orElse(null);
  }

  private static String subject(WeeklyReport report, Locale locale) {
    return new ReportText(locale).get("mail.subject", report.displayName(), report.week().label());
  }

  /** Through Hadoop's file system: on a cluster, --out s3a://... lands in the bucket, not on the driver's disk. */
  private void write(Path folder, String html, byte[] pdf, byte[] csv) {
    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    // Owner-only, like everything conversa writes; and a private instance, so turning checksums
    // off (no .report.html.crc beside each file) leaves the lake's file system as it was.
    conf.set("fs.permissions.umask-mode", "077");
    try (FileSystem fs = FileSystem.newInstance(folder.toUri(), conf)) {
      fs.setWriteChecksum(false);
      fs.mkdirs(folder);
      writeFile(fs, new Path(folder, "report.html"), html.getBytes(StandardCharsets.UTF_8));
      writeFile(fs, new Path(folder, "report.pdf"), pdf);
      writeFile(fs, new Path(folder, "report.csv"), csv);
    } catch (IOException e) {
      throw Errors.runFailed("cannot write the report to " + folder + ": " + e.getClass().getSimpleName() + ".",
          "check that --out is a writable folder.", e);
    }
  }
}

package io.conversa.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What a report run wrote and sent, for the one-line summary and the tests. */
public record ReportResult(ReportWeek week, List<Written> reports, int mailed, double seconds) {
  /** One client's report: its folder holds report.html, report.pdf and report.csv. */
  public record Written(String client, String folder, boolean empty, int recipients) {}

  public String summary(String out) {
    long empty = reports.stream().filter(Written::empty).count();
    return String.format(Locale.ROOT, "report: week %s, %d client report%s (%d with no activity) in %s as report.html, report.pdf and report.csv; %d e-mailed; %.1f s",
        week.label(), reports.size(), reports.size() == 1 ? "" : "s", empty, out, mailed, seconds);
  }
}

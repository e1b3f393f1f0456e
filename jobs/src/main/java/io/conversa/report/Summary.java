package io.conversa.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The few plain sentences at the top of a report: how much was sent, which changes from last
 * week are larger than chance variation, what the campaigns earned. A change the significance
 * test cannot tell from noise is not narrated.
 */
final class Summary {
  private Summary() {}

  static List<String> of(WeeklyReport report, ReportText text, ReportFormats formats) {
    List<String> sentences = new ArrayList<>();
    FunnelTotals now = report.current();
    FunnelTotals before = report.previous();
    if (report.dataThrough() != null) {
      sentences.add(text.get("summary.through", formats.date(report.dataThrough())));
    }
    if (now.sent() == null) {
      sentences.add(text.get("summary.sent.withheld"));
    } else if (now.sent() == 0) {
      sentences.add(text.get("summary.sent.none"));
    } else if (!FunnelTotals.positive(before.sent())) {
      sentences.add(text.get("summary.sent.nobase", formats.count(now.sent())));
    } else {
      sentences.add(text.get("summary.sent", formats.count(now.sent()), formats.count(before.sent())));
    }
    int narrated = 0;
    boolean compared = false;
    for (Kpi kpi : report.kpis()) {
      if (kpi.verdict() != Kpi.Verdict.NO_COMPARISON && !kpi.key().contains(".")) {
        compared = true;
      }
      // Messages sent, this week's and last, open the summary already: told once, but still a
      // change larger than chance for the sentence that closes the comparisons.
      if (kpi.verdict() == Kpi.Verdict.SIGNIFICANT && kpi.key().equals("sent")) {
        narrated++;
      } else if (kpi.verdict() == Kpi.Verdict.SIGNIFICANT && !kpi.key().contains(".")) {
        boolean up = kpi.change() != null && kpi.change() > 0;
        sentences.add(text.get(up ? "summary.up" : "summary.down",
            text.get("kpi." + kpi.key()), formats.kpiValue(kpi, kpi.previous()), formats.kpiValue(kpi, kpi.current())));
        narrated++;
      }
    }
    if (compared) {
      sentences.add(text.get(narrated == 0 ? "summary.stable" : "summary.rest.stable"));
    }
    if (FunnelTotals.positive(now.conversions())) {
      sentences.add(text.get("summary.conversions", formats.count(now.conversions()), formats.revenue(now.revenueByCurrency())));
    } else if (now.conversions() != null && FunnelTotals.positive(now.sent())) {
      sentences.add(text.get("summary.conversions.none"));
    }
    if (report.withheld().total() > 0) {
      sentences.add(text.get("summary.withheld", formats.count(report.withheld().total()), formats.count(report.minGroupSize())));
    }
    return sentences;
  }
}

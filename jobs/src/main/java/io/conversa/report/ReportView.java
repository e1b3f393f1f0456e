package io.conversa.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link WeeklyReport} as the template sees it: every number already formatted for the
 * report's language, every label looked up. The template only lays things out.
 */
final class ReportView {
  private ReportView() {}

  static Map<String, Object> of(WeeklyReport report, Locale locale, LocalDate generatedOn) {
    ReportText text = new ReportText(locale);
    ReportFormats formats = new ReportFormats(locale, text);
    Map<String, Object> view = new HashMap<>();
    view.put("lang", locale.toLanguageTag());
    view.put("t", text.labels());
    view.put("displayName", report.displayName());
    view.put("logo", report.logoDataUri());
    view.put("weekHeading", text.get("week.heading", report.week().label(), formats.date(report.week().first()), formats.date(report.week().last())));
    view.put("generated", text.get("generated", formats.date(generatedOn)));
    view.put("empty", report.empty());
    view.put("emptyText", text.get("empty.body", report.displayName(), report.week().label()));
    view.put("summary", Summary.of(report, text, formats));
    view.put("kpis", kpis(report, text, formats));
    view.put("funnelSvg", Charts.funnel(report.current(), text, formats));
    view.put("trendSvg", Charts.trend(report.days(), text, formats));
    view.put("days", days(report, formats));
    view.put("campaigns", campaigns(report, formats));
    view.put("ads", ads(report, formats));
    view.put("withheld", report.withheld().total() == 0
        ? text.get("withheld.none", formats.count(report.minGroupSize()))
        : text.get("withheld.some", formats.count(report.withheld().total()), formats.count(report.minGroupSize())));
    view.put("definitions", definitions(report, text, formats));
    view.put("quality", quality(report.quality(), text, formats));
    return view;
  }

  private static List<Map<String, Object>> kpis(WeeklyReport report, ReportText text, ReportFormats formats) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Kpi kpi : report.kpis()) {
      Map<String, Object> row = new HashMap<>();
      row.put("label", label(kpi, text));
      row.put("current", formats.kpiValue(kpi, kpi.current()));
      row.put("previous", formats.kpiValue(kpi, kpi.previous()));
      row.put("change", formats.change(kpi));
      row.put("verdict", text.get("verdict." + kpi.verdict().name()));
      row.put("significant", kpi.verdict() == Kpi.Verdict.SIGNIFICANT);
      rows.add(row);
    }
    return rows;
  }

  static String label(Kpi kpi, ReportText text) {
    if (kpi.key().startsWith("revenue.")) {
      return text.get("kpi.revenue", kpi.currency());
    }
    if (kpi.key().startsWith("messages.")) {
      return text.get("kpi.messages", kpi.key().substring("messages.".length()));
    }
    return text.get("kpi." + kpi.key());
  }

  private static List<Map<String, Object>> days(WeeklyReport report, ReportFormats formats) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DayFigures d : report.days()) {
      rows.add(Map.of("day", formats.shortDay(d.day()), "sent", formats.count(d.sent()), "delivered", formats.count(d.delivered()),
          "read", formats.count(d.read()), "replied", formats.count(d.replied()), "converted", formats.count(d.converted())));
    }
    return rows;
  }

  private static List<Map<String, Object>> campaigns(WeeklyReport report, ReportFormats formats) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CampaignFigures c : report.campaigns()) {
      rows.add(Map.of("name", c.campaign(), "sent", formats.count(c.sent()), "delivered", formats.count(c.delivered()),
          "replied", formats.count(c.replied()), "converted", formats.count(c.converted()), "rate", formats.share(c.conversionRate()),
          "revenue", formats.revenue(c.revenueByCurrency())));
    }
    return rows;
  }

  private static List<Map<String, Object>> ads(WeeklyReport report, ReportFormats formats) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (AdFigures a : report.ads()) {
      rows.add(Map.of("name", a.headline() == null ? a.adId() : a.headline(), "id", a.adId(),
          "started", formats.count(a.conversationsStarted()), "replied", formats.count(a.replied()),
          "converted", formats.count(a.converted()), "rate", formats.share(a.conversionRate()), "revenue", formats.revenue(a.revenueByCurrency())));
    }
    return rows;
  }

  private static List<String> definitions(WeeklyReport report, ReportText text, ReportFormats formats) {
    String reply = formats.duration(report.replyWindow());
    String attribution = formats.duration(report.attributionWindow());
    return List.of(
        text.get("def.sent"),
        text.get("def.delivery"),
        text.get("def.read"),
        text.get("def.reply", reply),
        text.get("def.conversion", attribution),
        text.get("def.ads", reply, attribution),
        text.get("def.pricing"),
        text.get("def.change"),
        text.get("def.significance"),
        text.get("def.privacy", formats.count(report.minGroupSize())));
  }

  private static List<String> quality(QualityFigures q, ReportText text, ReportFormats formats) {
    List<String> lines = new ArrayList<>();
    lines.add(text.get("quality.quarantine", formats.count(q.quarantinedInWeek()), formats.count(q.quarantinedTotal())));
    lines.add(text.get("quality.checks", formats.count(q.checksPassed()), formats.count(q.checksFailed())));
    if (!q.failedChecks().isEmpty()) {
      lines.add(text.get("quality.failed", String.join("; ", q.failedChecks())));
    }
    return lines;
  }
}

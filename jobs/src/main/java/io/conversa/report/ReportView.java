package io.conversa.report;

import io.conversa.aggregate.Funnels;
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
    return of(report, locale, generatedOn, false);
  }

  /** @param chartImages the charts as {@code cid:} images (an e-mail), not inline SVG (the file and the PDF) */
  static Map<String, Object> of(WeeklyReport report, Locale locale, LocalDate generatedOn, boolean chartImages) {
    ReportText text = new ReportText(locale);
    ReportFormats formats = new ReportFormats(locale, text, report.revenueCurrency(), report.costCurrency());
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
    view.put("chartImages", chartImages);
    view.put("funnelSvg", chartImages ? "" : Charts.funnel(report.current(), text, formats));
    view.put("trendSvg", chartImages ? "" : Charts.trend(report.days(), text, formats));
    view.put("days", days(report, formats));
    view.put("weeks", weeks(report, formats));
    view.put("campaigns", campaigns(report, text, formats));
    view.put("templates", templates(report, text, formats));
    view.put("ads", ads(report, formats));
    view.put("withheld", report.withheld().total() == 0
        ? text.get("withheld.none", formats.count(report.minGroupSize()))
        : text.get("withheld.some", formats.count(report.withheld().total()), formats.count(report.minGroupSize())));
    view.put("definitions", definitions(report, text, formats));
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
    if (kpi.key().startsWith("cost.")) {
      return text.get("kpi.cost", kpi.currency());
    }
    if (kpi.key().startsWith("return_on_spend.")) {
      return text.get("kpi.return_on_spend", kpi.currency());
    }
    if (kpi.key().startsWith("messages.")) {
      return text.get("kpi.messages", text.category(kpi.key().substring("messages.".length())));
    }
    return text.get("kpi." + kpi.key());
  }

  private static List<Map<String, Object>> weeks(WeeklyReport report, ReportFormats formats) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (WeekFigures w : report.weeks()) {
      rows.add(Map.of("week", formats.date(w.monday()), "sent", formats.count(w.sent()), "converted", formats.count(w.converted()),
          "revenue", formats.revenue(w.revenueByCurrency()), "cost", formats.cost(w.costByCurrency())));
    }
    return rows;
  }

  private static List<Map<String, Object>> days(WeeklyReport report, ReportFormats formats) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DayFigures d : report.days()) {
      rows.add(Map.of("day", formats.shortDay(d.day()), "sent", formats.count(d.sent()), "delivered", formats.count(d.delivered()),
          "read", formats.count(d.read()), "replied", formats.count(d.replied()), "converted", formats.count(d.converted())));
    }
    return rows;
  }

  private static List<Map<String, Object>> campaigns(WeeklyReport report, ReportText text, ReportFormats formats) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CampaignFigures c : report.campaigns()) {
      Map<String, Object> row = new HashMap<>();
      row.put("name", Funnels.NO_CAMPAIGN.equals(c.campaign()) ? text.get("campaign.none") : c.campaign());
      row.put("sent", formats.count(c.sent()));
      row.put("sentBefore", formats.count(c.sentLastWeek()));
      row.put("delivered", formats.count(c.delivered()));
      row.put("replied", formats.count(c.replied()));
      row.put("converted", formats.count(c.converted()));
      row.put("convertedBefore", formats.count(c.convertedLastWeek()));
      row.put("rate", formats.share(c.conversionRate()));
      row.put("revenue", formats.revenue(c.revenueByCurrency()));
      row.put("cost", formats.cost(c.costByCurrency()));
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, Object>> templates(WeeklyReport report, ReportText text, ReportFormats formats) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TemplateFigures t : report.templates()) {
      rows.add(Map.of("name", t.template(), "campaign", Funnels.NO_CAMPAIGN.equals(t.campaign()) ? text.get("campaign.none") : t.campaign(),
          "sent", formats.count(t.sent()), "readRate", formats.share(t.readRate()), "clickRate", formats.share(t.clickRate()),
          "converted", formats.count(t.converted()), "rate", formats.share(t.conversionRate())));
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
        text.get("def.overlap"),
        text.get("def.templates"),
        text.get("def.pricing"),
        text.get("def.cost"),
        text.get("def.change"),
        text.get("def.significance"),
        text.get("def.privacy", formats.count(report.minGroupSize())));
  }


}

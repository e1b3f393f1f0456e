package io.conversa.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every number a report shows, unrounded and unformatted, one per line:
 * {@code section,item,measure,this_week,previous_week,change,verdict,measure_label,verdict_label}.
 * Section, measure and verdict are stable codes for programs; the labels say them in the
 * report's language for the people who open the file. Shares are fractions (0.8731), amounts
 * have two decimals, a number that is not defined is empty.
 */
public final class CsvWriter {
  static final String HEADER = "section,item,measure,this_week,previous_week,change,verdict,measure_label,verdict_label";

  static final String WITHHELD = "withheld";

  private CsvWriter() {}

  public static String csv(WeeklyReport report, Locale locale) {
    Labelled csv = new Labelled(new ReportText(locale));
    csv.text.append(HEADER).append("\r\n");
    for (Kpi kpi : report.kpis()) {
      row(csv, "kpi", report.client(), kpi.key(), kpiValue(kpi, kpi.current()), kpiValue(kpi, kpi.previous()), number(kpi.change()),
          kpi.verdict().name().toLowerCase(Locale.ROOT));
    }
    FunnelTotals t = report.current();
    for (String stage : List.of("sent", "delivered", "read", "replied", "clicked", "converted")) {
      row(csv, "funnel", report.client(), stage, figure(stageOf(t, stage)), figure(stageOf(report.previous(), stage)), "", "");
    }
    for (DayFigures d : report.days()) {
      String day = d.day().toString();
      row(csv, "day", day, "sent", figure(d.sent()), "", "", "");
      row(csv, "day", day, "delivered", figure(d.delivered()), "", "", "");
      row(csv, "day", day, "read", figure(d.read()), "", "", "");
      row(csv, "day", day, "replied", figure(d.replied()), "", "", "");
      row(csv, "day", day, "converted", figure(d.converted()), "", "", "");
    }
    for (WeekFigures w : report.weeks()) {
      String monday = w.monday().toString();
      row(csv, "weeks", monday, "sent", figure(w.sent()), "", "", "");
      row(csv, "weeks", monday, "converted", figure(w.converted()), "", "", "");
      revenue(csv, "weeks", monday, w.revenueByCurrency());
      amounts(csv, "weeks", monday, "cost", w.costByCurrency());
    }
    for (CampaignFigures c : report.campaigns()) {
      row(csv, "campaign", c.campaign(), "sent", figure(c.sent()), "", "", "");
      row(csv, "campaign", c.campaign(), "delivered", figure(c.delivered()), "", "", "");
      row(csv, "campaign", c.campaign(), "replied", figure(c.replied()), "", "", "");
      row(csv, "campaign", c.campaign(), "converted", figure(c.converted()), "", "", "");
      row(csv, "campaign", c.campaign(), "conversions", figure(c.conversions()), "", "", "");
      row(csv, "campaign", c.campaign(), "conversion_rate", number(c.conversionRate()), "", "", "");
      row(csv, "campaign", c.campaign(), "sent_last_week", figure(c.sentLastWeek()), "", "", "");
      row(csv, "campaign", c.campaign(), "converted_last_week", figure(c.convertedLastWeek()), "", "", "");
      revenue(csv, "campaign", c.campaign(), c.revenueByCurrency());
      amounts(csv, "campaign", c.campaign(), "cost", c.costByCurrency());
    }
    for (TemplateFigures m : report.templates()) {
      String item = m.campaign() + " / " + m.template();
      row(csv, "template", item, "sent", figure(m.sent()), "", "", "");
      row(csv, "template", item, "delivered", figure(m.delivered()), "", "", "");
      row(csv, "template", item, "read", figure(m.read()), "", "", "");
      row(csv, "template", item, "clicked", figure(m.clicked()), "", "", "");
      row(csv, "template", item, "converted", figure(m.converted()), "", "", "");
      row(csv, "template", item, "conversion_rate", number(m.conversionRate()), "", "", "");
    }
    for (AdFigures a : report.ads()) {
      row(csv, "ad", a.adId(), "conversations_started", figure(a.conversationsStarted()), "", "", "");
      row(csv, "ad", a.adId(), "replied", figure(a.replied()), "", "", "");
      row(csv, "ad", a.adId(), "converted", figure(a.converted()), "", "", "");
      row(csv, "ad", a.adId(), "conversion_rate", number(a.conversionRate()), "", "", "");
      revenue(csv, "ad", a.adId(), a.revenueByCurrency());
    }
    for (CategoryFigures c : report.categories()) {
      row(csv, "pricing", c.category(), "messages", figure(c.messages()), "", "", "");
      row(csv, "pricing", c.category(), "billable_messages", figure(c.billableMessages()), "", "", "");
      row(csv, "pricing", c.category(), "sessions", figure(c.sessions()), "", "", "");
    }
    row(csv, "withheld", "week", "figures", number(report.withheld().figures()), "", "", "");
    row(csv, "withheld", "k", "min_group_size", number(report.minGroupSize()), "", "", "");
    return csv.text.toString();
  }

  /** The file being written, and the words its labels are in. */
  private record Labelled(StringBuilder text, ReportText words) {
    Labelled(ReportText words) {
      this(new StringBuilder(), words);
    }

    /** A measure's code as the report's reader says it ("revenue.BRL": "Receita (BRL)"), as its section shows it. */
    String label(String section, String measure) {
      int dot = measure.indexOf('.');
      String base = dot < 0 ? measure : measure.substring(0, dot);
      String detail = dot < 0 ? null : measure.substring(dot + 1);
      if (section.equals("kpi") && detail == null && words.has("kpi." + base)) {
        return words.get("kpi." + base);
      }
      return switch (base) {
        case "revenue" -> detail == null ? words.get("col.revenue") : words.get("kpi.revenue", detail);
        case "cost" -> detail == null ? words.get("col.cost") : words.get("kpi.cost", detail);
        case "return_on_spend" -> words.get("kpi.return_on_spend", detail);
        case "messages" -> detail == null ? words.get("csv.messages") : words.get("kpi.messages", words.category(detail));
        case "sent", "delivered", "read", "replied", "clicked", "converted" -> words.get("funnel." + base);
        case "sent_last_week" -> words.get("funnel.sent") + " (" + words.get("col.previous_week") + ")";
        case "converted_last_week" -> words.get("funnel.converted") + " (" + words.get("col.previous_week") + ")";
        case "conversions", "delivery_rate", "read_rate", "reply_rate", "conversion_rate" -> words.get("kpi." + base);
        case "conversations_started" -> words.get("col.conversations");
        case "billable_messages", "sessions", "min_group_size" -> words.get("csv." + base);
        case "figures" -> words.get("section.withheld");
        default -> measure;
      };
    }
  }

  private static Long stageOf(FunnelTotals t, String stage) {
    return switch (stage) {
      case "sent" -> t.sent();
      case "delivered" -> t.delivered();
      case "read" -> t.read();
      case "replied" -> t.replied();
      case "clicked" -> t.clicked();
      default -> t.converted();
    };
  }

  private static void amounts(Labelled csv, String section, String item, String figure, Map<String, BigDecimal> byCurrency) {
    if (byCurrency == null) {
      row(csv, section, item, figure, WITHHELD, "", "", "");
      return;
    }
    byCurrency.forEach((currency, amount) -> row(csv, section, item, figure + "." + currency, number(amount), "", "", ""));
  }

  private static void revenue(Labelled csv, String section, String item, Map<String, BigDecimal> byCurrency) {
    if (byCurrency == null) {
      row(csv, section, item, "revenue", WITHHELD, "", "", "");
      return;
    }
    byCurrency.forEach((currency, amount) -> row(csv, section, item, "revenue." + currency, number(amount), "", "", ""));
  }

  /** A figure of gold: a number, or the word withheld where gold withheld it. */
  /** A count or amount is never undefined: missing, it is withheld. A rate may be over nothing. */
  private static String kpiValue(Kpi kpi, Number value) {
    return value == null && (kpi.kind() == Kpi.Kind.COUNT || kpi.kind() == Kpi.Kind.MONEY) ? WITHHELD : number(value);
  }

  static String figure(Long value) {
    return value == null ? WITHHELD : number(value);
  }

  static String number(Number value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d) {
      return d.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
    if (value instanceof Double d) {
      return BigDecimal.valueOf(d).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  /** section, item, measure, this week, previous week, change, verdict; then the labels of measure and verdict. */
  private static void row(Labelled csv, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        csv.text.append(',');
      }
      csv.text.append(cell(cells[i]));
    }
    String verdict = cells[6];
    csv.text.append(',').append(cell(csv.label(cells[0], cells[2]))).append(',')
        .append(cell(verdict.isEmpty() ? "" : csv.words.get("verdict." + verdict.toUpperCase(Locale.ROOT))));
    csv.text.append("\r\n");
  }

  /**
   * RFC 4180 quoting, and a leading apostrophe on a text that a spreadsheet would take for a
   * formula (a campaign named "=HYPERLINK(...)" must stay text).
   */
  static String cell(String value) {
    String text = value == null ? "" : value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+(E-?[0-9]+)?")) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}

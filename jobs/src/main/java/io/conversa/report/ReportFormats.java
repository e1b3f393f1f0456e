package io.conversa.report;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Numbers, shares, amounts and dates as a reader of the report's language writes them. Amounts
 * carry an unambiguous symbol (R$, US$, Rp) or else the ISO code: a report may hold several
 * currencies, and the PDF's standard fonts have no glyph for some symbols (the rupee sign).
 */
final class ReportFormats {
  static final String MISSING = "\u2014";
  private static final java.util.Map<String, String> SYMBOLS =
      java.util.Map.of("BRL", "R$", "USD", "US$", "EUR", "\u20ac", "GBP", "\u00a3", "IDR", "Rp", "INR", "Rs", "MXN", "MX$", "COP", "COL$");

  private final Locale locale;
  private final ReportText text;
  private final String revenueCurrency;
  private final String costCurrency;

  ReportFormats(Locale locale, ReportText text) {
    this(locale, text, "", "");
  }

  /** @param revenueCurrency, costCurrency what a zero revenue or cost is written in ("" for no currency) */
  ReportFormats(Locale locale, ReportText text, String revenueCurrency, String costCurrency) {
    this.locale = locale;
    this.text = text;
    this.revenueCurrency = revenueCurrency;
    this.costCurrency = costCurrency;
  }

  Locale locale() {
    return locale;
  }

  String count(long value) {
    return NumberFormat.getIntegerInstance(locale).format(value);
  }

  String count(Number value) {
    return value == null ? MISSING : count(value.longValue());
  }

  /** A share (0..1) as a percentage with one decimal. */
  String share(Number value) {
    if (value == null) {
      return MISSING;
    }
    NumberFormat percent = NumberFormat.getPercentInstance(locale);
    percent.setMinimumFractionDigits(1);
    percent.setMaximumFractionDigits(1);
    return percent.format(value.doubleValue());
  }

  /**
   * "R$ 72.708,54" in pt-BR, "Rp 150.000" (no cents: nobody writes rupiah cents); an amount
   * is written in the currency's own units, never in fractions of a cent. The symbols are ones
   * the PDF's standard fonts draw; other currencies keep their ISO code.
   */
  String money(String currency, Number amount) {
    if (amount == null) {
      return MISSING;
    }
    BigDecimal value = amount instanceof BigDecimal d ? d : BigDecimal.valueOf(amount.doubleValue());
    int digits = io.conversa.common.Currencies.WHOLE_UNITS.contains(currency) ? 0 : 2;
    NumberFormat number = NumberFormat.getNumberInstance(locale);
    number.setMinimumFractionDigits(digits);
    number.setMaximumFractionDigits(digits);
    String symbol = SYMBOLS.getOrDefault(currency, currency);
    // A no-break space: "R$" never ends a line whose amount starts the next.
    return (symbol.isEmpty() ? "" : symbol + "\u00a0") + number.format(value);
  }

  /** Return on spend: "4,65×". */
  String multiple(Number value) {
    if (value == null) {
      return MISSING;
    }
    NumberFormat number = NumberFormat.getNumberInstance(locale);
    number.setMinimumFractionDigits(2);
    number.setMaximumFractionDigits(2);
    return number.format(value.doubleValue()) + "\u00d7";
  }

  /** Revenue in every currency it came in, or zero in the client's revenue currency when there was none. */
  String revenue(Map<String, BigDecimal> byCurrency) {
    return amounts(byCurrency, revenueCurrency);
  }

  /** Cost in every currency it came in, or zero in the client's cost currency when there was none. */
  String cost(Map<String, BigDecimal> byCurrency) {
    return amounts(byCurrency, costCurrency);
  }

  private String amounts(Map<String, BigDecimal> byCurrency, String zeroCurrency) {
    if (byCurrency == null) {
      return MISSING;
    }
    if (byCurrency.isEmpty()) {
      return money(zeroCurrency, BigDecimal.ZERO).strip();
    }
    return byCurrency.entrySet().stream().map(e -> money(e.getKey(), e.getValue())).collect(Collectors.joining(" + "));
  }

  String kpiValue(Kpi kpi, Number value) {
    return switch (kpi.kind()) {
      case COUNT -> count(value);
      case RATE -> share(value);
      case MONEY -> money(kpi.currency(), value);
      case MULTIPLE -> multiple(value);
    };
  }

  /** "+12.3%" for counts and amounts, "+2.1 pp" for rates; the sign is ASCII so every font has it. */
  String change(Kpi kpi) {
    Double change = kpi.change();
    if (change == null) {
      return MISSING;
    }
    String sign = change > 0 ? "+" : change < 0 ? "-" : "";
    if (kpi.kind() == Kpi.Kind.RATE) {
      NumberFormat points = NumberFormat.getNumberInstance(locale);
      points.setMinimumFractionDigits(1);
      points.setMaximumFractionDigits(1);
      return sign + points.format(Math.abs(change) * 100) + " " + text.get("unit.points");
    }
    return sign + share(Math.abs(change));
  }

  String date(LocalDate day) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(day);
  }

  /** A chart axis label: weekday and day of month. */
  String shortDay(LocalDate day) {
    return DateTimeFormatter.ofPattern("EEE d", locale).format(day);
  }

  String duration(Duration duration) {
    // "24 h", not "1 days": whole days only from two on, which every language writes in plural.
    if (duration.toDays() >= 2 && duration.toHours() % 24 == 0) {
      return text.get("duration.days", count(duration.toDays()));
    }
    if (duration.toMinutes() % 60 == 0) {
      return text.get("duration.hours", count(duration.toHours()));
    }
    return text.get("duration.minutes", count(duration.toMinutes()));
  }
}

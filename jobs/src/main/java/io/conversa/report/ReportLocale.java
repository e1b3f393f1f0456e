package io.conversa.report;

import io.conversa.common.Errors;
import java.util.List;
import java.util.Locale;

/** The languages a report is written in: a message bundle each, numbers and dates formatted to match. */
public final class ReportLocale {
  public static final List<String> SUPPORTED = io.conversa.config.ClientDirectory.LOCALES;

  private ReportLocale() {}

  public static Locale parse(String tag) {
    String supported = io.conversa.config.ClientDirectory.canonicalLocale(tag);
    if (supported != null) {
      return Locale.forLanguageTag(supported);
    }
    throw Errors.usage("--locale takes a report language: " + String.join(", ", SUPPORTED) + ".", "pass one of " + String.join(", ", SUPPORTED) + ".");
  }
}

package io.conversa.report;

import io.conversa.common.Errors;
import java.util.List;
import java.util.Locale;

/** The languages a report is written in: a message bundle each, numbers and dates formatted to match. */
public final class ReportLocale {
  public static final List<String> SUPPORTED = List.of("pt-BR", "en", "es");

  private ReportLocale() {}

  public static Locale parse(String tag) {
    for (String supported : SUPPORTED) {
      if (supported.equalsIgnoreCase(tag == null ? "" : tag.strip().replace('_', '-'))) {
        return Locale.forLanguageTag(supported);
      }
    }
    throw Errors.usage("--locale " + tag + " is not a report language.", "pass one of " + String.join(", ", SUPPORTED) + ".");
  }
}

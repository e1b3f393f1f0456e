package io.conversa.report;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * The report's words in one language: {@code report/messages*.properties}. Every message goes
 * through {@link MessageFormat}, arguments already formatted, so a quote is always written ''.
 */
final class ReportText {
  private final ResourceBundle bundle;
  private final Locale locale;

  ReportText(Locale locale) {
    this.locale = locale;
    this.bundle = ResourceBundle.getBundle("report.messages", locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  String get(String key, Object... args) {
    return new MessageFormat(bundle.getString(key), locale).format(args);
  }

  /** A pricing category as the reader says it ("Marketing", "Atendimento"); an unknown one as Meta names it. */
  String category(String category) {
    String key = "category." + category.replaceAll("[^a-z_]", "");
    return has(key) ? get(key) : category;
  }

  boolean has(String key) {
    return bundle.containsKey(key);
  }

  /** Every message without arguments, for the template's fixed labels. */
  Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>();
    for (String key : bundle.keySet()) {
      labels.put(key, get(key));
    }
    return labels;
  }
}

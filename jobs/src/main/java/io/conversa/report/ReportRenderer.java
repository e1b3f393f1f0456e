package io.conversa.report;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Renders a {@link WeeklyReport} to one self-contained XHTML page with the Pebble template
 * {@code report/templates/weekly.peb}. Auto-escaping is on: a client or campaign name is always
 * text, never markup. The page is well-formed XML, so the PDF is rendered from the same bytes.
 */
public final class ReportRenderer {
  private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
      .loader(templates())
      .strictVariables(true)
      .autoEscaping(true)
      .cacheActive(true)
      .build();

  private ReportRenderer() {}

  private static ClasspathLoader templates() {
    ClasspathLoader loader = new ClasspathLoader(ReportRenderer.class.getClassLoader());
    loader.setPrefix("report/templates");
    loader.setSuffix(".peb");
    return loader;
  }

  public static String html(WeeklyReport report, Locale locale, LocalDate generatedOn) {
    PebbleTemplate template = ENGINE.getTemplate("weekly");
    StringWriter html = new StringWriter();
    try {
      template.evaluate(html, ReportView.of(report, locale, generatedOn), locale);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return html.toString();
  }
}

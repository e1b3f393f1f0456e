package io.conversa.report;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
    return render(ReportView.of(report, locale, generatedOn, false), locale);
  }

  /** The e-mail body: the same page with its charts as {@code cid:funnel} and {@code cid:trend} images. */
  public static String mailHtml(WeeklyReport report, Locale locale, LocalDate generatedOn) {
    return render(ReportView.of(report, locale, generatedOn, true), locale);
  }

  /** The PNG images {@link #mailHtml} names, by content id. */
  public static Map<String, byte[]> chartImages(WeeklyReport report, Locale locale) {
    ReportText text = new ReportText(locale);
    ReportFormats formats = new ReportFormats(locale, text);
    Map<String, byte[]> images = new LinkedHashMap<>();
    images.put("funnel", Charts.funnelPng(report.current(), text, formats));
    images.put("trend", Charts.trendPng(report.days(), text, formats));
    return images;
  }

  private static String render(Map<String, Object> view, Locale locale) {
    PebbleTemplate template = ENGINE.getTemplate("weekly");
    StringWriter html = new StringWriter();
    try {
      template.evaluate(html, view, locale);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return html.toString();
  }
}

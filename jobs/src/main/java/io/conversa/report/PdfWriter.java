package io.conversa.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The PDF of a report, laid out by openhtmltopdf from the very HTML the report's page is. */
public final class PdfWriter {
  static {
    com.openhtmltopdf.util.XRLog.setLoggerImpl(new PdfLog());
  }

  private PdfWriter() {}

  public static byte[] pdf(String html, String title) {
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    try {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.useSVGDrawer(new BatikSVGDrawer());
      builder.withHtmlContent(html, null);
      builder.withProducer("conversa");
      builder.toStream(pdf);
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("rendering the PDF of " + title, e);
    }
    return pdf.toByteArray();
  }
}

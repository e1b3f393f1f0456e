package io.conversa.report;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * openhtmltopdf's log, into conversa's: its warnings and errors as warnings, its timing and
 * progress chatter (INFO on stderr by default) dropped.
 */
final class PdfLog implements XRLogger {
  private static final Logger LOG = LogManager.getLogger("io.conversa.report.pdf");

  @Override
  public void log(String where, Level level, String message) {
    log(where, level, message, null);
  }

  @Override
  public void log(String where, Level level, String message, Throwable error) {
    if (level.intValue() < Level.WARNING.intValue()) {
      return;
    }
    // The report's style sheet is conversa's own, with rules for screens that a PDF renderer
    // does not know: nothing a user could act on.
    if (where != null && where.contains("css-parse")) {
      LOG.debug("{}: {}", where, message, error);
    } else {
      LOG.warn("{}: {}", where, message, error);
    }
  }

  @Override
  public void setLevel(String logger, Level level) {}

  @Override
  public boolean isLogLevelEnabled(Diagnostic diagnostic) {
    return diagnostic.getLevel().intValue() >= Level.WARNING.intValue();
  }
}

package io.conversa.testing;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Captures every log line (all loggers, INFO and up) while open, for the privacy scans. */
public final class LogCapture implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final WriterAppender appender;
  private final Logger root = (Logger) LogManager.getRootLogger();
  private final Level previous;

  public LogCapture() {
    appender = WriterAppender.newBuilder().setName("privacy-scan").setTarget(text)
        .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n%throwable").build()).build();
    appender.start();
    previous = root.getLevel();
    root.addAppender(appender);
    root.setLevel(Level.INFO);
  }

  public String text() {
    return text.toString();
  }

  @Override
  public void close() {
    root.removeAppender(appender);
    root.setLevel(previous);
    appender.stop();
  }
}

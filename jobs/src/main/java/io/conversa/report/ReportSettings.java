package io.conversa.report;

import io.conversa.aggregate.ClientDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@code conversa report} writes: the week, the clients (null: every client gold names),
 * where, in which language, with which k, and where to mail the reports (null: nowhere). The
 * windows are aggregate's; the report only states them in its definitions.
 */
public record ReportSettings(
    String lake,
    ReportWeek week,
    String client,
    Path out,
    Locale locale,
    ClientDirectory clients,
    Path configFolder,
    int minGroupSize,
    Duration replyWindow,
    Duration attributionWindow,
    SmtpSettings smtp) {}

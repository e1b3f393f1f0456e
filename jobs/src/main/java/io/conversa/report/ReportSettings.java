package io.conversa.report;

import io.conversa.common.Errors;
import io.conversa.config.ClientDirectory;
import io.conversa.config.FunnelRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@code conversa report} writes: the week, the clients (null: every client gold names),
 * where (a Hadoop URI or local folder), in which language (null: each client's configured
 * locale), and where to mail the reports (null: nowhere). The rules (k, windows)
 * are the ones gold was released with; a user may state them ({@code expectedMinGroupSize} and the
 * windows, null when not given), and a statement that disagrees with gold is a usage error.
 */
public record ReportSettings(
    String lake,
    ReportWeek week,
    String client,
    String out,
    Locale locale,
    ClientDirectory clients,
    Path configFolder,
    Integer expectedMinGroupSize,
    Duration expectedReplyWindow,
    Duration expectedAttributionWindow,
    SmtpSettings smtp) {

  /** The language of a client's report: --locale, else the client's configured locale, else English. */
  Locale localeOf(ClientDirectory.Client configured) {
    if (locale != null) {
      return locale;
    }
    return ReportLocale.parse(configured == null ? ClientDirectory.DEFAULT_LOCALE : configured.locale());
  }

  /** Refuses a stated rule that is not the one gold was built with. */
  void checkAgainst(FunnelRules gold) {
    disagree("--min-group-size", expectedMinGroupSize, gold.minGroupSize());
    disagree("--reply-window", expectedReplyWindow, gold.replyWindow());
    disagree("--attribution-window", expectedAttributionWindow, gold.attributionWindow());
  }

  private static void disagree(String flag, Object stated, Object recorded) {
    if (stated != null && !stated.equals(recorded)) {
      throw Errors.usage(flag + " " + stated + " disagrees with gold, which was built with " + recorded + " (gold.releases).",
          "leave " + flag + " out (the report uses gold's rules), or rebuild gold with `conversa aggregate --full " + flag + " "
              + stated + "`.");
    }
  }
}

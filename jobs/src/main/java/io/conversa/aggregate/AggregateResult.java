package io.conversa.aggregate;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** What an aggregate run did: the dates it recomputed, gold rows written, checks that failed. */
public record AggregateResult(
    LocalDate first, LocalDate last, boolean full, long outboundMessages, long campaignRows, long dailyRows,
    long conversationRows, long adRows, long suppressedRows, List<QualityChecks.Result> checks, double seconds) {

  public static AggregateResult upToDate(double seconds) {
    return new AggregateResult(null, null, false, 0, 0, 0, 0, 0, 0, List.of(), seconds);
  }

  public List<QualityChecks.Result> failedChecks() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  public String summary() {
    if (first == null) {
      return String.format(Locale.ROOT, "aggregate: silver has not changed since the last run; gold is up to date (%.1f s)", seconds);
    }
    String quality = failedChecks().isEmpty()
        ? checks.size() + " quality checks passed"
        : failedChecks().size() + " of " + checks.size() + " quality checks FAILED";
    return String.format(
        Locale.ROOT,
        "aggregate: %s %s..%s, %,d outbound messages -> %,d campaign_funnel, %,d daily_funnel, %,d conversations_daily,"
            + " %,d ad_referrals rows (%,d suppressed); %s in %.1f s",
        full ? "all dates" : "dates", first, last, outboundMessages, campaignRows, dailyRows, conversationRows, adRows,
        suppressedRows, quality, seconds);
  }
}

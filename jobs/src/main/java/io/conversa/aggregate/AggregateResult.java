package io.conversa.aggregate;

import io.conversa.release.ReleaseOutcome;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** What an aggregate run did: the periods it recomputed, gold rows written, what it withheld, checks that failed. */
public record AggregateResult(
    LocalDate from, boolean full, long outboundMessages, java.util.Map<String, Long> rowsWritten, ReleaseOutcome release,
    List<QualityChecks.Result> checks, double seconds) {

  public static AggregateResult upToDate(double seconds) {
    return new AggregateResult(null, false, 0, java.util.Map.of(), null, List.of(), seconds);
  }

  public List<QualityChecks.Result> failedChecks() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  public String summary() {
    if (from == null) {
      return String.format(Locale.ROOT, "aggregate: silver has not changed since the last run; gold is up to date (%.1f s)", seconds);
    }
    String quality = failedChecks().isEmpty()
        ? checks.size() + " quality checks passed"
        : failedChecks().size() + " of " + checks.size() + " quality checks FAILED";
    StringBuilder tables = new StringBuilder();
    rowsWritten.forEach((table, rows) -> tables.append(tables.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,d %s", rows, table)));
    return String.format(
        Locale.ROOT,
        "aggregate: %s, %,d outbound messages -> %s rows (days, weeks, months); %,d figures published, %,d withheld (%,d fewer than"
            + " k people, %,d to protect them), every one proven protected %s; %s in %.1f s",
        full ? "every period" : "periods from " + from, outboundMessages, tables, release.published(),
        release.withheldPrimary() + release.withheldComplementary(), release.withheldPrimary(), release.withheldComplementary(),
        release.auditPassed() ? "(disclosure audit passed)" : "FAILED", quality, seconds);
  }
}

package io.conversa.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far the DuckDB reference's campaign funnel is from conversa's gold one, summed over the rows
 * both have and conversa did not suppress. They should agree closely but not exactly: DuckDB
 * checks no signature (forged bodies count there) and links no business-scoped user id to a phone
 * number, and it credits orders only.
 */
final class FunnelAgreement {
  static final String[] MEASURES = {"sent", "delivered", "read", "failed", "replied", "clicked", "converted"};

  /** Measure name to {duckdb total, conversa total}. */
  private final Map<String, long[]> totals = new LinkedHashMap<>();
  private int commonRows;

  private FunnelAgreement() {
    for (String measure : MEASURES) {
      totals.put(measure, new long[2]);
    }
  }

  /**
   * @param conversa unsuppressed gold.campaign_funnel rows, keyed as {@link DuckDbFunnel.Row#key()},
   *     each with the {@link #MEASURES} in order
   */
  static FunnelAgreement of(List<DuckDbFunnel.Row> duckdb, Map<String, long[]> conversa) {
    FunnelAgreement agreement = new FunnelAgreement();
    for (DuckDbFunnel.Row row : duckdb) {
      long[] theirs = conversa.get(row.key());
      if (theirs == null) {
        continue;
      }
      agreement.commonRows++;
      long[] ours = {row.sent(), row.delivered(), row.read(), row.failed(), row.replied(), row.clicked(), row.converted()};
      for (int i = 0; i < MEASURES.length; i++) {
        agreement.totals.get(MEASURES[i])[0] += ours[i];
        agreement.totals.get(MEASURES[i])[1] += theirs[i];
      }
    }
    return agreement;
  }

  /** The largest relative difference over the measures, e.g. 0.001 for 0.1%. */
  double worstRelativeDifference() {
    double worst = 0;
    for (long[] t : totals.values()) {
      worst = Math.max(worst, relative(t));
    }
    return worst;
  }

  int commonRows() {
    return commonRows;
  }

  String summary() {
    List<String> parts = new ArrayList<>();
    totals.forEach((measure, t) -> parts.add(String.format(Locale.ROOT, "%s %,d/%,d", measure, t[0], t[1])));
    return String.format(Locale.ROOT, "duckdb/conversa totals over %d unsuppressed campaign rows: %s (largest difference %.2f%%)",
        commonRows, String.join(", ", parts), 100 * worstRelativeDifference());
  }

  private static double relative(long[] t) {
    return t[1] == 0 ? (t[0] == 0 ? 0 : 1) : Math.abs(t[0] - t[1]) / (double) t[1];
  }
}

package io.conversa.disclosure;

import java.util.Comparator;
import java.util.Objects;

/**
 * One row of a published table. It names cells in findings and breaks ties between candidates, so
 * it sorts the same way on every run: by table, member, period, then period start.
 */
public record CellKey(String table, String member, String period, String periodStart)
    implements Comparable<CellKey> {
  private static final Comparator<CellKey> ORDER =
      Comparator.comparing(CellKey::table)
          .thenComparing(CellKey::member)
          .thenComparing(CellKey::period)
          .thenComparing(CellKey::periodStart);

  public CellKey {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(periodStart, "periodStart");
  }

  @Override
  public int compareTo(CellKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return table + "/" + member + "/" + period + "/" + periodStart;
  }
}

package io.conversa.release;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What one release did, added up over its clients: figures shown, withheld by the primary rule
 * (fewer than k people) and withheld to protect those; the groups behind them; the witness
 * programmes solved; the sensitive figures no witness protects (none, or nothing is published); the
 * slowest client's time in its task, and the whole release's.
 */
public record ReleaseOutcome(
    long published, long withheldPrimary, long withheldComplementary, long groupsPrimary, long groupsComplementary, long unprotected,
    long programmes, int clients, double slowestClientSeconds, double seconds) {

  public boolean auditPassed() {
    return unprotected == 0;
  }

  public long figures() {
    return published + withheldPrimary + withheldComplementary;
  }

  /**
   * From the client rows of {@link ClientRelease#DECISION}.
   *
   * @param seconds how long the release took, from its inputs to its decisions
   */
  public static ReleaseOutcome of(List<Row> clients, double seconds) {
    long[] sums = new long[7];
    double slowest = 0;
    String[] columns = {"figures_published", "figures_primary", "figures_complementary", "groups_primary", "groups_complementary",
        "unprotected", "programmes"};
    for (Row client : clients) {
      for (int i = 0; i < columns.length; i++) {
        sums[i] += client.getLong(client.fieldIndex(columns[i]));
      }
      slowest = Math.max(slowest, client.getDouble(client.fieldIndex("seconds")));
    }
    return new ReleaseOutcome(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], clients.size(), slowest, seconds);
  }
}

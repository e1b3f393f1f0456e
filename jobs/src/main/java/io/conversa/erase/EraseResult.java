package io.conversa.erase;

import java.util.Locale;
import java.util.Map;

/**
 * The receipt of an erasure: what was removed where, and which table versions can no longer be
 * read. It names no person and no pseudonym, so it can be filed with the data-subject request.
 *
 * @param pseudonyms how many pseudonyms the people had (per business, per key, linked ids)
 * @param rowsRemoved silver rows removed, per table
 * @param bodiesRewritten bronze bodies the people's parts were taken out of
 * @param quarantinedLinesRemoved quarantined lines that held one of their numbers
 * @param gold what the recomputation of gold did ("not built yet" when there is no gold)
 * @param versionsUnreadable per table, the versions before which no data file remains
 */
public record EraseResult(
    boolean dryRun,
    int pseudonyms,
    Map<String, Long> rowsRemoved,
    long bodiesRewritten,
    long quarantinedLinesRemoved,
    String gold,
    Map<String, Long> versionsUnreadable,
    double seconds) {

  public String summary() {
    StringBuilder receipt = new StringBuilder();
    String verb = dryRun ? "would remove" : "removed";
    receipt.append(String.format(Locale.ROOT, "erase%s: %d pseudonyms resolved; %s", dryRun ? " (dry run)" : "", pseudonyms, verb));
    rowsRemoved.forEach((table, rows) -> receipt.append(String.format(Locale.ROOT, " %,d rows from %s,", rows, table)));
    receipt.append(String.format(Locale.ROOT, " their parts of %,d bronze bodies, %,d quarantined lines", bodiesRewritten, quarantinedLinesRemoved));
    if (!dryRun) {
      receipt.append("; gold: ").append(gold);
      if (!versionsUnreadable.isEmpty()) {
        receipt.append("; earlier versions no longer readable:");
        versionsUnreadable.forEach((table, version) -> receipt.append(String.format(Locale.ROOT, " %s before v%d,", table, version)));
        receipt.setLength(receipt.length() - 1);
      }
    }
    receipt.append(String.format(Locale.ROOT, " (%.1f s)", seconds));
    return receipt.toString();
  }
}

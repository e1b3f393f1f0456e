package io.conversa.ingest;

import java.util.Map;

/**
 * What an ingest run did. Every line read is accounted for:
 * {@code linesRead == inserted + duplicates + quarantined}.
 */
public record IngestResult(
    int filesSeen,
    int filesRead,
    long linesRead,
    long inserted,
    long duplicates,
    long quarantined,
    Map<String, Long> quarantinedByReason,
    double seconds) {

  public String summary() {
    StringBuilder line = new StringBuilder();
    line.append(String.format(java.util.Locale.ROOT,
        "ingest: %d of %d files new, %,d lines read -> %,d events stored, %,d duplicates, %,d quarantined",
        filesRead, filesSeen, linesRead, inserted, duplicates, quarantined));
    if (!quarantinedByReason.isEmpty()) {
      line.append(" ").append(quarantinedByReason);
    }
    line.append(String.format(java.util.Locale.ROOT, " in %.1f s", seconds));
    return line.toString();
  }
}

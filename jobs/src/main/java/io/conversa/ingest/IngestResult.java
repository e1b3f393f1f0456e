package io.conversa.ingest;

import java.util.Map;

/**
 * What an ingest run did ({@code acceptedUnsigned}: events kept without a signature to verify,
 * by --accept-unsigned). Every line read is accounted for:
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
    long acceptedUnsigned,
    LineVerdict.ScrubCounts scrub,
    double seconds) {

  public String summary() {
    StringBuilder line = new StringBuilder();
    line.append(String.format(java.util.Locale.ROOT,
        "ingest: %d of %d files new, %,d lines read -> %,d events stored, %,d duplicates, %,d quarantined",
        filesRead, filesSeen, linesRead, inserted, duplicates, quarantined));
    if (!quarantinedByReason.isEmpty()) {
      line.append(" ").append(quarantinedByReason);
    }
    if (acceptedUnsigned > 0) {
      line.append(String.format(java.util.Locale.ROOT, "; %,d unsigned lines accepted (--accept-unsigned)", acceptedUnsigned));
    }
    if (scrub.redactedValues() > 0) {
      line.append(String.format(java.util.Locale.ROOT, "; identifiers redacted in %,d values (campaigns, titles or keys naming a person)", scrub.redactedValues()));
    }
    if (scrub.droppedValues() > 0) {
      line.append(String.format(java.util.Locale.ROOT, "; %,d values under keys the payload rules do not know dropped", scrub.droppedValues()));
    }
    if (scrub.incompleteEvents() > 0) {
      line.append(String.format(java.util.Locale.ROOT, "; %,d messages or statuses without id, timestamp or status/type (unusable)", scrub.incompleteEvents()));
    }
    line.append(String.format(java.util.Locale.ROOT, " in %.1f s", seconds));
    return line.toString();
  }
}

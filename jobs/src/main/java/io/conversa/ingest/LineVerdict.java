package io.conversa.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What one log line became: an event for bronze, or a quarantined line with its reason. */
public sealed interface LineVerdict {

  /**
   * A webhook body, already scrubbed: {@code payloadUtf8} holds no direct identifier. Kept as the
   * bytes the copy wrote, since bronze stores UTF-8: a String between them cost a decode and an
   * encode of every body.
   */
  record Event(
      String eventId,
      LocalDate eventDate,
      Instant receivedAt,
      String lineFormat,
      String signature,
      String wabaId,
      List<String> fields,
      int bodyBytes,
      byte[] payloadUtf8,
      ScrubCounts scrub)
      implements LineVerdict {
    public String payload() {
      return new String(payloadUtf8, StandardCharsets.UTF_8);
    }
  }

  /**
   * What scrubbing changed beyond its rules' removals and pseudonyms: values in which an
   * identifier was redacted, values dropped under unknown keys, and messages or statuses silver
   * cannot use.
   */
  record ScrubCounts(long redactedValues, long droppedValues, long incompleteEvents) implements java.io.Serializable {}

  /** {@code detail} says what was expected, and never quotes the line. */
  record Quarantined(QuarantineReason reason, String detail) implements LineVerdict {}
}

package io.conversa.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What one log line became: an event for bronze, or a quarantined line with its reason. */
public sealed interface LineVerdict {

  /** A webhook body, already scrubbed: {@code payload} holds no direct identifier. */
  record Event(
      String eventId,
      LocalDate eventDate,
      Instant receivedAt,
      String lineFormat,
      String signature,
      String wabaId,
      List<String> fields,
      int bodyBytes,
      String payload)
      implements LineVerdict {}

  /** {@code detail} says what was expected, and never quotes the line. */
  record Quarantined(QuarantineReason reason, String detail) implements LineVerdict {}
}

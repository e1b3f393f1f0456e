package io.conversa.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** ISO-8601 instants, with a fast path for the common {@code 2026-11-16T10:15:30Z} form. */
final class Instants {
  private Instants() {}

  /** The instant, or null when the text is not an ISO-8601 instant with an offset. */
  static Instant parse(String text) {
    if (text.length() == 20 && text.charAt(19) == 'Z' && text.charAt(10) == 'T') {
      try {
        int year = Integer.parseInt(text, 0, 4, 10);
        int month = Integer.parseInt(text, 5, 7, 10);
        int day = Integer.parseInt(text, 8, 10, 10);
        int hour = Integer.parseInt(text, 11, 13, 10);
        int minute = Integer.parseInt(text, 14, 16, 10);
        int second = Integer.parseInt(text, 17, 19, 10);
        if (text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(13) == ':' && text.charAt(16) == ':') {
          return java.time.LocalDateTime.of(year, month, day, hour, minute, second).toInstant(java.time.ZoneOffset.UTC);
        }
      } catch (NumberFormatException | java.time.DateTimeException e) {
        return null;
      }
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }
}

package io.conversa.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The routing facts bronze keeps beside the payload: WABA, fields, and the body's own date. */
record BodyFacts(String wabaId, List<String> fields, LocalDate eventDate) {
  /** Unix seconds above this are taken as milliseconds (a few relays send those). */
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;

  static BodyFacts of(JsonNode body) {
    String wabaId = null;
    List<String> fields = new ArrayList<>(2);
    long earliest = Long.MAX_VALUE;
    for (JsonNode entry : body.path("entry")) {
      if (wabaId == null && entry.hasNonNull("id")) {
        wabaId = entry.get("id").asText();
      }
      earliest = Math.min(earliest, seconds(entry.get("time")));
      for (JsonNode change : entry.path("changes")) {
        String field = change.path("field").asText(null);
        if (field != null && !fields.contains(field)) {
          fields.add(field);
        }
        earliest = Math.min(earliest, earliestItemTimestamp(change.path("value")));
      }
    }
    LocalDate date =
        earliest == Long.MAX_VALUE
            ? null
            : LocalDate.ofInstant(Instant.ofEpochSecond(earliest), ZoneOffset.UTC);
    return new BodyFacts(wabaId, List.copyOf(fields), date);
  }

  /** Messages, statuses and the like carry {@code timestamp} one level below the value's arrays. */
  private static long earliestItemTimestamp(JsonNode value) {
    long earliest = seconds(value.get("timestamp"));
    for (JsonNode member : value) {
      if (member.isArray()) {
        for (JsonNode item : member) {
          earliest = Math.min(earliest, seconds(item.get("timestamp")));
        }
      }
    }
    return earliest;
  }

  private static long seconds(JsonNode timestamp) {
    if (timestamp == null || !(timestamp.isNumber() || timestamp.isTextual())) {
      return Long.MAX_VALUE;
    }
    long value;
    if (timestamp.isNumber()) {
      value = timestamp.asLong();
    } else {
      try {
        value = Long.parseLong(timestamp.asText().strip());
      } catch (NumberFormatException e) {
        return Long.MAX_VALUE;
      }
    }
    if (value <= 0) {
      return Long.MAX_VALUE;
    }
    return value >= MILLIS_THRESHOLD ? value / 1000 : value;
  }
}

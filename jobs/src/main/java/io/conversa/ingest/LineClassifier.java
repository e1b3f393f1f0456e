package io.conversa.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.conversa.ingest.LineVerdict.Event;
import io.conversa.ingest.LineVerdict.Quarantined;
import io.conversa.privacy.PayloadScrubber;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Decides what one log line is (SPEC section 1) and turns a good one into a scrubbed bronze
 * event. Pure: no Spark, no I/O, so every rule is tested on plain byte arrays.
 */
public final class LineClassifier implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String OBJECT_WHATSAPP = "whatsapp_business_account";
  static final String SIGNATURE_HEADER = "x-hub-signature-256";
  private static final long RECEIPT_AHEAD_SECONDS = 86_400;
  private static final long RECEIPT_BEHIND_SECONDS = 30 * 86_400;

  private final PayloadScrubber scrubber;
  private final SignatureVerifier signatures;
  private final int maxLineBytes;
  private transient BodyCopier copier;
  private transient JsonFactory json;

  public LineClassifier(PayloadScrubber scrubber, SignatureVerifier signatures, int maxLineBytes) {
    this.scrubber = scrubber;
    this.signatures = signatures;
    this.maxLineBytes = maxLineBytes;
  }

  /** The key-rotation links of the lines classified since the last call, whatever their verdict. */
  public List<String[]> takePseudonymLinks() {
    return scrubber.takePseudonymLinks();
  }

  /** Never throws: a line that breaks an assumption is quarantined, not the run. */
  public LineVerdict classify(byte[] line, int length) {
    try {
      return classifyOrThrow(line, length);
    } catch (RuntimeException e) {
      return new Quarantined(QuarantineReason.NOT_A_WEBHOOK, "line could not be read as a webhook body (" + e.getClass().getSimpleName() + ")");
    }
  }

  private LineVerdict classifyOrThrow(byte[] line, int length) {
    if (isBlank(line, length)) {
      return new Quarantined(QuarantineReason.EMPTY_LINE, "an empty line holds no webhook body");
    }
    if (length > maxLineBytes) {
      return new Quarantined(
          QuarantineReason.TOO_LARGE,
          "line of " + length + " bytes is over the limit of " + maxLineBytes + " (--max-line-bytes)");
    }
    int invalidAt = Utf8.firstInvalidByte(line, length);
    if (invalidAt >= 0) {
      return new Quarantined(QuarantineReason.NOT_UTF8, "expected UTF-8 text: invalid byte sequence at byte " + invalidAt);
    }
    BodyCopier.Copy copy;
    try (JsonParser parser = json().createParser(line, 0, length)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return new Quarantined(QuarantineReason.NOT_A_WEBHOOK, "expected a JSON object, found " + describe(first));
      }
      copy = copier().copy(parser);
    } catch (IOException e) {
      return unparsable(e, "line");
    }
    if (copy.object != null) {
      int start = 0;
      int end = length;
      while (start < end && line[start] <= ' ') {
        start++;
      }
      while (end > start && line[end - 1] <= ' ') {
        end--;
      }
      return event(copy, line, start, end - start, "raw", null, signatures.check(null, null));
    }
    if (copy.hasBody) {
      return envelopeEvent(copy, line, length);
    }
    return new Quarantined(
        QuarantineReason.NOT_A_WEBHOOK,
        "expected a webhook body (top-level \"object\") or an envelope (\"body\", \"headers\", \"received_at\")");
  }

  private LineVerdict envelopeEvent(BodyCopier.Copy envelope, byte[] line, int length) {
    Instant receivedAt = null;
    if (envelope.receivedAtToken != null && envelope.receivedAtToken != JsonToken.VALUE_NULL) {
      receivedAt = instant(envelope.receivedAtToken, envelope.receivedAt);
      if (receivedAt == null) {
        return new Quarantined(
            QuarantineReason.BAD_ENVELOPE, "envelope received_at is not an ISO-8601 instant or epoch number");
      }
    }
    if (envelope.headersNotObject) {
      return new Quarantined(QuarantineReason.BAD_ENVELOPE, "envelope headers is not a JSON object");
    }
    String bodyText = envelope.envelopeBody;
    if (bodyText == null) {
      // Logged as an object, the exact bytes are gone: neither signature nor content hash holds.
      return new Quarantined(
          QuarantineReason.BAD_ENVELOPE, "envelope body is not the raw body as a JSON string (the exact signed bytes are needed)");
    }
    byte[] body = bodyText.getBytes(StandardCharsets.UTF_8);
    String signature = signatures.check(envelope.signatureHeader, body);
    if (SignatureVerifier.MISMATCH.equals(signature)) {
      return new Quarantined(
          QuarantineReason.SIGNATURE_MISMATCH,
          "X-Hub-Signature-256 does not match the body under the app secret: forged, altered, or signed with another secret");
    }
    BodyCopier.Copy copy;
    try (JsonParser parser = json().createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return new Quarantined(QuarantineReason.NOT_A_WEBHOOK, "envelope body is " + describe(first) + ", expected a JSON object");
      }
      copy = copier().copy(parser);
    } catch (IOException e) {
      return unparsable(e, "envelope body");
    }
    return event(copy, body, 0, body.length, "envelope", receivedAt, signature);
  }

  private static LineVerdict event(
      BodyCopier.Copy copy, byte[] body, int offset, int length, String format, Instant receivedAt, String signature) {
    if (!OBJECT_WHATSAPP.equals(copy.object)) {
      return new Quarantined(
          QuarantineReason.NOT_A_WEBHOOK, "expected top-level \"object\": \"" + OBJECT_WHATSAPP + "\"");
    }
    if (!copy.entryIsArray) {
      return new Quarantined(QuarantineReason.NOT_A_WEBHOOK, "expected an \"entry\" array in the webhook body");
    }
    Quarantined implausible = implausibleTimestamp(copy, receivedAt);
    if (implausible != null) {
      return implausible;
    }
    if (SignatureVerifier.UNSIGNED.equals(signature)) {
      return new Quarantined(QuarantineReason.UNSIGNED, ("raw".equals(format) ? "a raw body carries" : "the envelope has")
          + " no X-Hub-Signature-256 to verify: with an app secret only verified bodies count"
          + " (ingest --accept-unsigned trusts logs that kept bodies only)");
    }
    LocalDate eventDate =
        copy.earliestSeconds == Long.MAX_VALUE
            ? null
            : LocalDate.ofInstant(Instant.ofEpochSecond(copy.earliestSeconds), ZoneOffset.UTC);
    return new Event(
        Hashes.sha256Hex(body, offset, length),
        eventDate,
        receivedAt,
        format,
        signature,
        copy.wabaId,
        List.copyOf(copy.fields),
        length,
        copy.payload,
        new LineVerdict.ScrubCounts(copy.redactedValues, copy.droppedValues, copy.incompleteEvents));
  }

  /**
   * Statuses and messages are logged as they happen: one dated more than a day after its receipt,
   * or more than 30 days before it, is not what Meta sends (Meta retries for 7 days).
   */
  private static Quarantined implausibleTimestamp(BodyCopier.Copy copy, Instant receivedAt) {
    if (copy.implausibleTimestamp != null) {
      return new Quarantined(QuarantineReason.IMPLAUSIBLE_TIMESTAMP, copy.implausibleTimestamp
          + " is not a Unix time from 2009 to 2100 (seconds or milliseconds)");
    }
    if (receivedAt != null && copy.latestEventSeconds != Long.MIN_VALUE) {
      long receipt = receivedAt.getEpochSecond();
      if (copy.latestEventSeconds > receipt + RECEIPT_AHEAD_SECONDS) {
        return new Quarantined(QuarantineReason.IMPLAUSIBLE_TIMESTAMP,
            "a message or status timestamp is more than a day after the envelope's received_at");
      }
      if (copy.earliestEventSeconds < receipt - RECEIPT_BEHIND_SECONDS) {
        return new Quarantined(QuarantineReason.IMPLAUSIBLE_TIMESTAMP,
            "a message or status timestamp is more than 30 days before the envelope's received_at");
      }
    }
    return null;
  }

  private static Quarantined unparsable(IOException e, String what) {
    if (e instanceof JsonEOFException) {
      return new Quarantined(
          QuarantineReason.TRUNCATED_JSON, what + " ends before its JSON value is complete (truncated?)");
    }
    if (e instanceof BodyCopier.TrailingContentException trailing) {
      return new Quarantined(
          QuarantineReason.NOT_JSON, what + " has content after its JSON value at column " + trailing.getLocation().getColumnNr());
    }
    String where = "";
    if (e instanceof JsonProcessingException processing && processing.getLocation() != null) {
      where = " at column " + processing.getLocation().getColumnNr();
    }
    return new Quarantined(QuarantineReason.NOT_JSON, what + " is not valid JSON" + where);
  }

  /** The receipt instant, or null when it is not one, or not between 2009 and 2100. */
  private static Instant instant(JsonToken token, String text) {
    Instant instant = null;
    if (token == JsonToken.VALUE_NUMBER_INT) {
      try {
        long n = Long.parseLong(text);
        instant = n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
      } catch (NumberFormatException e) {
        return null;
      }
    } else if (token == JsonToken.VALUE_STRING) {
      instant = Instants.parse(text);
    }
    if (instant == null
        || instant.getEpochSecond() < BodyCopier.EARLIEST_PLAUSIBLE
        || instant.getEpochSecond() > BodyCopier.LATEST_PLAUSIBLE) {
      return null;
    }
    return instant;
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name().toLowerCase(Locale.ROOT);
    };
  }

  private static boolean isBlank(byte[] line, int length) {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** Error locations must never carry the line itself: its content may identify a person. */
  private JsonFactory json() {
    if (json == null) {
      json = JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    }
    return json;
  }

  private BodyCopier copier() {
    if (copier == null) {
      copier = new BodyCopier(scrubber, json());
    }
    return copier;
  }
}

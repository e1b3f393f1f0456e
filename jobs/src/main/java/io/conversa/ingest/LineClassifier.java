package io.conversa.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conversa.ingest.LineVerdict.Event;
import io.conversa.ingest.LineVerdict.Quarantined;
import io.conversa.privacy.PayloadScrubber;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides what one log line is (SPEC section 1) and turns a good one into a scrubbed bronze
 * event. Pure: no Spark, no I/O, so every rule is tested on plain byte arrays.
 */
public final class LineClassifier implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String OBJECT_WHATSAPP = "whatsapp_business_account";
  static final String SIGNATURE_HEADER = "x-hub-signature-256";

  /** Error locations must never carry the line itself: its content may identify a person. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final PayloadScrubber scrubber;
  private final SignatureVerifier signatures;
  private final int maxLineBytes;

  public LineClassifier(PayloadScrubber scrubber, SignatureVerifier signatures, int maxLineBytes) {
    this.scrubber = scrubber;
    this.signatures = signatures;
    this.maxLineBytes = maxLineBytes;
  }

  public LineVerdict classify(byte[] line, int length) {
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
    JsonNode root;
    try {
      root = JSON.readTree(line, 0, length);
    } catch (JsonProcessingException e) {
      return unparsable(e, "line");
    } catch (java.io.IOException e) {
      return unparsable(null, "line");
    }
    if (!(root instanceof ObjectNode)) {
      return new Quarantined(QuarantineReason.NOT_A_WEBHOOK, "expected a JSON object, found " + kind(root));
    }
    if (root.has("object")) {
      String text = new String(line, 0, length, StandardCharsets.UTF_8).strip();
      return bodyEvent((ObjectNode) root, text, "raw", null, SignatureVerifier.ABSENT);
    }
    if (root.has("body")) {
      return envelopeEvent((ObjectNode) root);
    }
    return new Quarantined(
        QuarantineReason.NOT_A_WEBHOOK,
        "expected a webhook body (top-level \"object\") or an envelope (\"body\", \"headers\", \"received_at\")");
  }

  private LineVerdict envelopeEvent(ObjectNode envelope) {
    Instant receivedAt = null;
    JsonNode received = envelope.get("received_at");
    if (received != null && !received.isNull()) {
      receivedAt = instant(received);
      if (receivedAt == null) {
        return new Quarantined(
            QuarantineReason.BAD_ENVELOPE, "envelope received_at is not an ISO-8601 instant or epoch number");
      }
    }
    JsonNode headers = envelope.get("headers");
    if (headers != null && !headers.isNull() && !headers.isObject()) {
      return new Quarantined(QuarantineReason.BAD_ENVELOPE, "envelope headers is not a JSON object");
    }
    JsonNode body = envelope.get("body");
    String bodyText;
    ObjectNode bodyNode;
    if (body.isTextual()) {
      bodyText = body.asText();
      JsonNode parsed;
      try {
        parsed = JSON.readTree(bodyText);
      } catch (JsonProcessingException e) {
        return unparsable(e, "envelope body");
      }
      if (!(parsed instanceof ObjectNode)) {
        return new Quarantined(QuarantineReason.NOT_A_WEBHOOK, "envelope body is " + kind(parsed) + ", expected a JSON object");
      }
      bodyNode = (ObjectNode) parsed;
    } else if (body.isObject()) {
      // Logged as an object, the exact signed bytes are gone: the signature check will say so.
      bodyNode = (ObjectNode) body;
      bodyText = bodyNode.toString();
    } else {
      return new Quarantined(
          QuarantineReason.BAD_ENVELOPE, "envelope body is " + kind(body) + ", expected the raw body as a JSON string");
    }
    String signature = signatures.check(signatureHeader(headers), bodyText);
    if (SignatureVerifier.MISMATCH.equals(signature)) {
      return new Quarantined(
          QuarantineReason.SIGNATURE_MISMATCH,
          "X-Hub-Signature-256 does not match the body under the app secret: forged, altered, or signed with another secret");
    }
    return bodyEvent(bodyNode, bodyText, "envelope", receivedAt, signature);
  }

  private LineVerdict bodyEvent(ObjectNode body, String bodyText, String format, Instant receivedAt, String signature) {
    JsonNode object = body.get("object");
    if (object == null || !OBJECT_WHATSAPP.equals(object.asText())) {
      return new Quarantined(
          QuarantineReason.NOT_A_WEBHOOK, "expected top-level \"object\": \"" + OBJECT_WHATSAPP + "\"");
    }
    if (!body.path("entry").isArray()) {
      return new Quarantined(QuarantineReason.NOT_A_WEBHOOK, "expected an \"entry\" array in the webhook body");
    }
    byte[] bodyBytes = bodyText.getBytes(StandardCharsets.UTF_8);
    String eventId = Hashes.sha256Hex(bodyBytes, bodyBytes.length);
    BodyFacts facts = BodyFacts.of(body);
    scrubber.scrub(body);
    return new Event(
        eventId,
        facts.eventDate(),
        receivedAt,
        format,
        signature,
        facts.wabaId(),
        facts.fields(),
        bodyBytes.length,
        body.toString());
  }

  private static Quarantined unparsable(JsonProcessingException e, String what) {
    if (e == null) {
      return new Quarantined(QuarantineReason.NOT_JSON, what + " is not valid JSON");
    }
    if (e instanceof JsonEOFException) {
      return new Quarantined(
          QuarantineReason.TRUNCATED_JSON, what + " ends before its JSON value is complete (truncated?)");
    }
    var location = e.getLocation();
    String where = location == null ? "" : " at column " + location.getColumnNr();
    return new Quarantined(QuarantineReason.NOT_JSON, what + " is not valid JSON" + where);
  }

  private static String signatureHeader(JsonNode headers) {
    if (headers == null || !headers.isObject()) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      if (SIGNATURE_HEADER.equalsIgnoreCase(header.getKey()) && header.getValue().isTextual()) {
        return header.getValue().asText();
      }
    }
    return null;
  }

  private static Instant instant(JsonNode value) {
    if (value.isNumber()) {
      long n = value.asLong();
      return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
    }
    return Instants.parse(value.asText());
  }

  private static String kind(JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
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
}

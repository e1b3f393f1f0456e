package io.conversa.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.ingest.LineVerdict.Event;
import io.conversa.ingest.LineVerdict.Quarantined;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.PayloadScrubber;
import io.conversa.privacy.Pseudonymizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineClassifierTest {
  private static final byte[] SECRET = "app-secret-for-tests".getBytes(StandardCharsets.UTF_8);
  private static final String BODY =
      "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1001\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\","
          + "\"metadata\":{\"display_phone_number\":\"5511300000009\",\"phone_number_id\":\"2002\"},"
          + "\"statuses\":[{\"id\":\"wamid.A\",\"status\":\"read\",\"timestamp\":\"1795000000\",\"recipient_id\":\"5511900000001\"},"
          + "{\"id\":\"wamid.A\",\"status\":\"delivered\",\"timestamp\":1794916800,\"recipient_id\":\"5511900000001\"}]},\"field\":\"messages\"}]}]}";

  private final LineClassifier checking = classifier(SECRET, false);
  private final LineClassifier acceptingUnsigned = classifier(SECRET, true);
  private final LineClassifier unchecking = classifier(null, false);

  private static final KeyRing KEYS = KeyRing.parse(KeyRing.generateText("k1"), "t");

  private static LineClassifier classifier(byte[] secret, boolean acceptUnsigned) {
    PayloadScrubber scrubber = new PayloadScrubber(new Pseudonymizer(KEYS.primary()));
    return new LineClassifier(scrubber, new SignatureVerifier(secret, acceptUnsigned), 64 * 1024);
  }

  private static LineVerdict classify(LineClassifier classifier, String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return classifier.classify(bytes, bytes.length);
  }

  private static String envelope(String body, String signature) {
    StringBuilder line = new StringBuilder("{\"received_at\":\"2026-11-18T10:15:30Z\",\"headers\":{\"x-hub-SIGNATURE-256\":\"" + signature + "\"},\"body\":");
    line.append(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(body).toString());
    return line.append('}').toString();
  }

  @Test
  void rawBodyBecomesAnEventDatedByItsEarliestTimestamp() {
    Event event = assertInstanceOf(Event.class, classify(acceptingUnsigned, BODY));
    assertEquals("raw", event.lineFormat());
    assertEquals(SignatureVerifier.ABSENT, event.signature());
    assertEquals(LocalDate.of(2026, 11, 17), event.eventDate(), "1794916800 is 2026-11-17T12:00Z, earlier than the read");
    assertEquals("1001", event.wabaId());
    assertEquals(List.of("messages"), event.fields());
    assertEquals(Hashes.sha256Hex(BODY.getBytes(StandardCharsets.UTF_8), BODY.length()), event.eventId());
    assertNull(event.receivedAt());
    assertFalse(event.payload().contains("5511900000001"));
  }

  @Test
  void signedEnvelopeIsValidAndHasTheSameEventIdAsTheRawBody() {
    Event raw = assertInstanceOf(Event.class, classify(acceptingUnsigned, BODY));
    Event signed = assertInstanceOf(Event.class, classify(checking, envelope(BODY, SignatureVerifier.sign(SECRET, BODY))));
    assertEquals(SignatureVerifier.VALID, signed.signature(), "header names are case-insensitive");
    assertEquals("envelope", signed.lineFormat());
    assertEquals(Instant.parse("2026-11-18T10:15:30Z"), signed.receivedAt());
    assertEquals(raw.eventId(), signed.eventId());
    assertEquals(raw.payload(), signed.payload());
  }

  @Test
  void forgedOrAlteredBodiesAreQuarantinedOnlyWhenTheSecretIsKnown() {
    String forged = envelope(BODY, SignatureVerifier.sign("another-secret".getBytes(StandardCharsets.UTF_8), BODY));
    Quarantined q = assertInstanceOf(Quarantined.class, classify(checking, forged));
    assertEquals(QuarantineReason.SIGNATURE_MISMATCH, q.reason());
    String altered = envelope(BODY.replace("read", "sent"), SignatureVerifier.sign(SECRET, BODY));
    assertEquals(QuarantineReason.SIGNATURE_MISMATCH, assertInstanceOf(Quarantined.class, classify(checking, altered)).reason());
    assertEquals(QuarantineReason.SIGNATURE_MISMATCH, assertInstanceOf(Quarantined.class, classify(checking, envelope(BODY, "sha256=zz"))).reason());
    assertEquals(SignatureVerifier.UNCHECKED, assertInstanceOf(Event.class, classify(unchecking, forged)).signature());
  }

  @Test
  void withASecretUnsignedLinesAreQuarantinedUnlessTheRunAcceptsThem() {
    String stripped = "{\"received_at\":1795000000,\"body\":" + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(BODY) + "}";
    String blankHeader = envelope(BODY, " ");
    for (String line : List.of(BODY, stripped, blankHeader)) {
      Quarantined q = assertInstanceOf(Quarantined.class, classify(checking, line), line);
      assertEquals(QuarantineReason.UNSIGNED, q.reason());
      assertTrue(q.detail().contains("--accept-unsigned"), q.detail());
      assertFalse(q.detail().contains("5511900000001"), "the detail never quotes the line");
      assertEquals(SignatureVerifier.ABSENT, assertInstanceOf(Event.class, classify(acceptingUnsigned, line)).signature());
      assertEquals(SignatureVerifier.UNCHECKED, assertInstanceOf(Event.class, classify(unchecking, line)).signature());
    }
    Event accepted = assertInstanceOf(Event.class, classify(acceptingUnsigned, stripped));
    assertEquals(Instant.ofEpochSecond(1795000000), accepted.receivedAt());
    // Accepting unsigned lines never lets a wrong signature through.
    String forged = envelope(BODY, SignatureVerifier.sign("another-secret".getBytes(StandardCharsets.UTF_8), BODY));
    assertEquals(QuarantineReason.SIGNATURE_MISMATCH, assertInstanceOf(Quarantined.class, classify(acceptingUnsigned, forged)).reason());
  }

  @Test
  void poisonousTimestampsAreQuarantinedBeforeTheyCanReachRefine() {
    for (String bad : List.of("99999999999999999999999", "\"99999999999999999999999\"", "-86400", "32503680000000", "\"soon\"", "1.5e9", "null")) {
      String body = BODY.replace("\"timestamp\":1794916800", "\"timestamp\":" + bad);
      Quarantined q = assertInstanceOf(Quarantined.class, classify(acceptingUnsigned, body), bad);
      assertEquals(QuarantineReason.IMPLAUSIBLE_TIMESTAMP, q.reason(), bad);
      assertEquals("entry[].changes[].value.statuses[].timestamp is not a Unix time from 2009 to 2100 (seconds or milliseconds)", q.detail());
    }
    // Milliseconds are a relay's habit, not poison: the line is kept (refine reads them as such).
    Event millis = assertInstanceOf(Event.class, classify(acceptingUnsigned, BODY.replace("\"timestamp\":1794916800", "\"timestamp\":1794916800000")));
    assertEquals(LocalDate.of(2026, 11, 17), millis.eventDate());
    // Signed and enveloped, a status dated days after its receipt is not what Meta sends.
    String late = "{\"received_at\":\"2026-11-10T00:00:00Z\",\"headers\":{\"X-Hub-Signature-256\":\"" + SignatureVerifier.sign(SECRET, BODY)
        + "\"},\"body\":" + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(BODY) + "}";
    assertEquals(QuarantineReason.IMPLAUSIBLE_TIMESTAMP, assertInstanceOf(Quarantined.class, classify(checking, late)).reason());
  }

  @Test
  void anEmptySecretIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SignatureVerifier(new byte[0], false));
  }

  @Test
  void badLinesGetAReasonAndADetailThatNeverQuotesTheLine() {
    assertReason(QuarantineReason.EMPTY_LINE, "   ");
    assertReason(QuarantineReason.NOT_JSON, "<html>502 Bad Gateway 5511900000001</html>");
    assertReason(QuarantineReason.TRUNCATED_JSON, BODY.substring(0, 120));
    assertReason(QuarantineReason.NOT_JSON, BODY + " {");
    assertReason(QuarantineReason.NOT_A_WEBHOOK, "[\"5511900000001\"]");
    assertReason(QuarantineReason.NOT_A_WEBHOOK, "{\"hello\":\"5511900000001\"}");
    assertReason(QuarantineReason.NOT_A_WEBHOOK, "{\"object\":\"page\",\"entry\":[]}");
    assertReason(QuarantineReason.NOT_A_WEBHOOK, "{\"object\":\"whatsapp_business_account\"}");
    assertReason(QuarantineReason.BAD_ENVELOPE, "{\"received_at\":\"yesterday\",\"body\":\"{}\"}");
    assertReason(QuarantineReason.BAD_ENVELOPE, "{\"received_at\":\"2026-11-18T10:15:30Z\",\"headers\":[1],\"body\":\"{}\"}");
    assertReason(QuarantineReason.BAD_ENVELOPE, "{\"body\":42}");
    assertReason(QuarantineReason.NOT_JSON, "{\"body\":\"{not json 5511900000001\"}");
    assertReason(QuarantineReason.TOO_LARGE, "{\"object\":\"" + "x".repeat(70_000) + "\"}");
  }

  @Test
  void invalidUtf8IsQuarantinedNotReplaced() {
    byte[] latin1 = "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"note\":\"n\u00e3o\"}".getBytes(StandardCharsets.ISO_8859_1);
    Quarantined q = assertInstanceOf(Quarantined.class, checking.classify(latin1, latin1.length));
    assertEquals(QuarantineReason.NOT_UTF8, q.reason());
    int invalid = new String(latin1, StandardCharsets.ISO_8859_1).indexOf('\u00e3');
    assertTrue(q.detail().endsWith("at byte " + invalid), q.detail());
    assertEquals(-1, Utf8.firstInvalidByte("ol\u00e1 \ud83d\ude00".getBytes(StandardCharsets.UTF_8), 9));
    assertEquals(0, Utf8.firstInvalidByte(new byte[] {(byte) 0xc0, (byte) 0x80}, 2), "overlong encodings are invalid");
    assertEquals(0, Utf8.firstInvalidByte(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, 3), "surrogates are invalid");
  }

  private void assertReason(QuarantineReason expected, String line) {
    Quarantined q = assertInstanceOf(Quarantined.class, classify(checking, line), line.length() > 80 ? line.substring(0, 80) : line);
    assertEquals(expected, q.reason(), q.detail());
    assertFalse(q.detail().contains("5511900000001"), q.detail());
    assertFalse(q.detail().contains("x".repeat(20)), "detail must not quote the line");
  }
}

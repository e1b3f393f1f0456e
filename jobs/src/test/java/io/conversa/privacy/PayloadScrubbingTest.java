package io.conversa.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conversa.ingest.LineClassifier;
import io.conversa.ingest.LineVerdict;
import io.conversa.ingest.SignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message type and webhook field of the reference, hand-built in
 * {@code bodies/every-type.jsonl} with recognisable canary identifiers, goes through the real
 * ingest classifier; no canary may survive in the stored payload.
 */
class PayloadScrubbingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> BODIES = new LinkedHashMap<>();
  private static final List<String> CANARIES = new ArrayList<>();
  private static final String PHONE = "5511900000001";
  /** The WABA of every test body: people are pseudonymised within it. */
  private static final String WABA = "900000000000001";
  private static Pseudonymizer pseudonymizer;
  private static LineClassifier classifier;

  @BeforeAll
  static void load() throws IOException {
    for (String line : resource("/bodies/every-type.jsonl").split("\n")) {
      JsonNode named = JSON.readTree(line);
      BODIES.put(named.get("name").asText(), named.get("body").toString());
    }
    for (String canary : resource("/bodies/canaries.txt").split("\n")) {
      if (!canary.isBlank()) {
        CANARIES.add(canary);
      }
    }
    Key key = KeyRing.parse(KeyRing.generateText("k1"), "test").primary();
    pseudonymizer = new Pseudonymizer(key);
    classifier = new LineClassifier(new PayloadScrubber(pseudonymizer), new SignatureVerifier(null, false), 1 << 20);
  }

  static Stream<String> bodyNames() throws IOException {
    load();
    return BODIES.keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodyNames")
  void noCanaryIdentifierSurvives(String name) {
    String payload = payloadOf(name);
    for (String canary : CANARIES) {
      assertFalse(payload.contains(canary), name + " payload still holds " + canary + ": " + payload);
    }
  }

  @Test
  void senderBecomesItsPseudonymWithCountry() throws IOException {
    JsonNode message = JSON.readTree(payloadOf("text")).at("/entry/0/changes/0/value/messages/0");
    assertEquals(pseudonymizer.pseudonym(PHONE, WABA), message.get("from").asText());
    assertEquals("BR", message.get("from_country").asText());
    assertEquals(pseudonymizer.pseudonym("BR.8800000000000001", WABA), message.get("from_user_id").asText());
    assertEquals(pseudonymizer.pseudonym("wamid.CANARYMSGtext"), message.get("id").asText(), "a wamid embeds the phone number: pseudonymised, still a join key");
    assertTrue(message.get("text").isEmpty(), "text body removed, type kept");
    JsonNode contact = JSON.readTree(payloadOf("text")).at("/entry/0/changes/0/value/contacts/0");
    assertEquals(pseudonymizer.pseudonym(PHONE, WABA), contact.get("wa_id").asText(), "contacts link wa_id and user_id, as pseudonyms");
    assertEquals(pseudonymizer.pseudonym("BR.8800000000000001", WABA), contact.get("user_id").asText());
    assertFalse(contact.has("profile"));
  }

  @Test
  void businessFactsAreKept() throws IOException {
    JsonNode status = JSON.readTree(payloadOf("statuses")).at("/entry/0/changes/0/value/statuses/0");
    assertEquals("{\"campaign\":\"black-friday\"}", status.get("biz_opaque_callback_data").asText());
    assertEquals("marketing", status.at("/pricing/category").asText());
    assertEquals(pseudonymizer.pseudonym(PHONE, WABA), status.get("recipient_id").asText());
    JsonNode group = JSON.readTree(payloadOf("statuses")).at("/entry/0/changes/0/value/statuses/1");
    assertEquals(pseudonymizer.pseudonym("919800000002", WABA), group.get("recipient_participant_id").asText());
    JsonNode item = JSON.readTree(payloadOf("order")).at("/entry/0/changes/0/value/messages/0/order/product_items/0");
    assertEquals(49.9, item.get("item_price").asDouble());
    assertEquals("BRL", item.get("currency").asText());
    JsonNode referral = JSON.readTree(payloadOf("referral")).at("/entry/0/changes/0/value/messages/0/referral");
    assertEquals("120200000000001", referral.get("source_id").asText());
    assertEquals("ad", referral.get("source_type").asText());
    assertEquals("Ofertas", referral.get("headline").asText());
    JsonNode button = JSON.readTree(payloadOf("button")).at("/entry/0/changes/0/value/messages/0");
    assertEquals("BUY_NOW", button.at("/button/payload").asText());
    assertEquals(pseudonymizer.pseudonym("wamid.OUT1"), button.at("/context/id").asText(), "replies join their message by pseudonym");
    JsonNode status0 = JSON.readTree(payloadOf("statuses")).at("/entry/0/changes/0/value/statuses/0");
    assertEquals(pseudonymizer.pseudonym("wamid.OUT1"), status0.get("id").asText());
  }

  @Test
  void identifiersUnderUndocumentedKeysOrInsideObjectsArePseudonymisedToo() throws IOException {
    String body = BODIES.get("unknown_future_field")
        .replace("\"brand_new_meta_field\"", "\"some_new_ref\":\"wamid.HBgLNTUxMTkwMDAwMDAwMRUCABIYFjNFQjA=\",\"new_user\":\"BR.8800000000000001\",\"user_id\":{\"previous\":\"US.1349\",\"current\":[\"US.2083\"]},\"brand_new_meta_field\"");
    byte[] line = body.getBytes(StandardCharsets.UTF_8);
    String payload = assertInstanceOf(LineVerdict.Event.class, classifier.classify(line, line.length)).payload();
    JsonNode message = JSON.readTree(payload).at("/entry/0/changes/0/value/messages/0");
    assertEquals(pseudonymizer.pseudonym("wamid.HBgLNTUxMTkwMDAwMDAwMRUCABIYFjNFQjA="), message.get("some_new_ref").asText());
    assertEquals(pseudonymizer.pseudonym("BR.8800000000000001", WABA), message.get("new_user").asText());
    assertEquals(pseudonymizer.pseudonym("US.1349", WABA), message.at("/user_id/previous").asText());
    assertEquals(pseudonymizer.pseudonym("US.2083", WABA), message.at("/user_id/current/0").asText());
  }

  @Test
  void peopleArePseudonymisedWithinTheirEntrysBusinessWhereverItsIdStands() throws IOException {
    String first = "{\"id\":\"900000000000001\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{\"from\":\"" + PHONE
        + "\",\"id\":\"wamid.M1\",\"timestamp\":\"1795000000\",\"type\":\"text\"}]}}]}";
    String idLast = "{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{\"from\":\"" + PHONE
        + "\",\"id\":\"wamid.M2\",\"timestamp\":\"1795000000\",\"type\":\"text\"}]}}],\"time\":1795000000,\"id\":\"900000000000002\"}";
    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[" + first + "," + idLast + "]}";
    byte[] line = body.getBytes(StandardCharsets.UTF_8);
    JsonNode entries = JSON.readTree(assertInstanceOf(LineVerdict.Event.class, classifier.classify(line, line.length)).payload()).get("entry");
    assertEquals(pseudonymizer.pseudonym(PHONE, "900000000000001"), entries.at("/0/changes/0/value/messages/0/from").asText());
    assertEquals(pseudonymizer.pseudonym(PHONE, "900000000000002"), entries.at("/1/changes/0/value/messages/0/from").asText(),
        "changes before the entry's id wait for it");
    assertEquals(pseudonymizer.pseudonym("wamid.M2"), entries.at("/1/changes/0/value/messages/0/id").asText(), "message ids are not scoped");
    assertEquals(1795000000, entries.at("/1/time").asLong());
  }

  @Test
  void flowResponsesKeepOnlyTheFlowToken() throws IOException {
    JsonNode reply = JSON.readTree(payloadOf("interactive_flow")).at("/entry/0/changes/0/value/messages/0/interactive/nfm_reply");
    assertEquals("signup-2026", reply.get("flow_token").asText());
    assertFalse(reply.has("response_json"));
  }

  @Test
  void unknownFieldsKeepTheirShapeButNotTheirStrings() throws IOException {
    JsonNode message = JSON.readTree(payloadOf("unknown_future_field")).at("/entry/0/changes/0/value/messages/0");
    assertEquals(PayloadScrubber.DROPPED, message.at("/brand_new_meta_field/kept").asText(), "a string under a key the rules do not know");
    assertEquals(3, message.at("/brand_new_meta_field/count").asInt(), "a short number is a count, kept");
  }

  @Test
  void systemMessagesLoseTheirTextButKeepTheNewIdentityAsPseudonym() throws IOException {
    JsonNode system = JSON.readTree(payloadOf("system")).at("/entry/0/changes/0/value/messages/0/system");
    assertEquals(pseudonymizer.pseudonym("919800000002", WABA), system.get("wa_id").asText());
    assertEquals("user_changed_number", system.get("type").asText());
    assertFalse(system.has("body"));
  }

  private static String payloadOf(String name) {
    byte[] line = BODIES.get(name).getBytes(StandardCharsets.UTF_8);
    LineVerdict verdict = classifier.classify(line, line.length);
    return assertInstanceOf(LineVerdict.Event.class, verdict, name).payload();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PayloadScrubbingTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

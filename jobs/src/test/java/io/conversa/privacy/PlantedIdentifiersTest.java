package io.conversa.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.ingest.LineClassifier;
import io.conversa.ingest.LineVerdict;
import io.conversa.ingest.LineVerdict.Event;
import io.conversa.ingest.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Identifiers planted where no rule names them, as an attacker (or a careless business) would:
 * inside a campaign value, under keys Meta never documented, as a JSON key, inside product names
 * and error titles. None may survive into the scrubbed body bronze stores.
 */
class PlantedIdentifiersTest {
  private static final String BODY = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"field\":\"messages\",\"value\":{"
      + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"106540352242922\"},"
      + "\"statuses\":[{\"id\":\"wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjU\",\"status\":\"delivered\",\"timestamp\":\"1795000000\","
      + "\"recipient_id\":\"5511987654321\",\"biz_opaque_callback_data\":\"{\\\"campaign\\\":\\\"promo-5511987654321\\\",\\\"customer_email\\\":\\\"maria.silva@example.com\\\"}\","
      + "\"customer_phone\":\"+55 11 98765-4321\",\"msisdn\":\"5511987654321\",\"email\":\"maria.silva@example.com\",\"display_name\":\"Maria Silva\","
      + "\"5511987654321\":{\"opted_in\":true},\"bsuid\":\"BR.1234ABCDEF5678\",\"note\":\"cliente BR.1234ABCDEF5678, CPF 123.456.789-09, cartão 4111 1111 1111 1111\","
      + "\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable to +55 11 98765-4321\"}],"
      + "\"groups\":[{\"id\":\"120363000000000000\",\"description\":\"Grupo da Maria Silva\"}]}],"
      + "\"messages\":[{\"from\":\"5511987654321\",\"id\":\"wamid.X1\",\"timestamp\":\"1795000001\",\"type\":\"order\","
      + "\"order\":{\"catalog_id\":\"1234567890123456\",\"product_items\":[{\"product_retailer_id\":\"sku-1\",\"name\":\"Ligar 11 98765-4321\",\"quantity\":\"1\",\"item_price\":\"129.90\",\"currency\":\"BRL\"}]}}]"
      + "}}]}]}";
  private static final List<String> PLANTED = List.of("5511987654321", "98765-4321", "98765", "maria.silva@example.com", "Maria Silva",
      "BR.1234ABCDEF5678", "1234ABCDEF5678", "123.456.789-09", "4111 1111 1111 1111", "4111");

  @Test
  void noPlantedIdentifierReachesBronze() {
    LineClassifier classifier = new LineClassifier(
        new PayloadScrubber(new Pseudonymizer(KeyRing.parse(KeyRing.generateText("k1"), "t").primary())), new SignatureVerifier(null, false), 1 << 20);
    byte[] line = BODY.getBytes(StandardCharsets.UTF_8);
    Event event = assertInstanceOf(Event.class, classifier.classify(line, line.length));
    String payload = event.payload();
    for (String planted : PLANTED) {
      assertFalse(payload.contains(planted), planted + " survived in " + payload);
    }
    // What refine reads is still there: Meta's ids, the order's price, the campaign's own words.
    assertTrue(payload.contains("\"phone_number_id\":\"106540352242922\""), payload);
    assertTrue(payload.contains("\"catalog_id\":\"1234567890123456\""), payload);
    assertTrue(payload.contains("\"item_price\":\"129.90\""), payload);
    assertTrue(payload.contains("promo-[number]"), payload);
    assertTrue(payload.contains("\"customer_phone\":\"[dropped]\""), "a string under a key the rules do not know is dropped, its key stays: " + payload);
    assertTrue(payload.contains("\"[number]\":{\"opted_in\":true}"), "a phone number used as a key is redacted, its value kept: " + payload);
    assertTrue(payload.contains("\"title\":\"Message undeliverable to [number]\""), "a known free-text key keeps its words: " + payload);
    // Counted for the run summary and gold.quality_checks: customer_phone, msisdn, email, note, the product name and the callback's e-mail dropped;
    // the campaign, the error title and the number used as a key redacted; no message or status incomplete.
    assertEquals(new LineVerdict.ScrubCounts(3, 6, 0), event.scrub(), payload);
  }

  @Test
  void callbackDataKeepsOnlyWhatSilverReads() {
    LineClassifier classifier = new LineClassifier(
        new PayloadScrubber(new Pseudonymizer(KeyRing.parse(KeyRing.generateText("k1"), "t").primary())), new SignatureVerifier(null, false), 1 << 20);
    String body = BODY.replace("{\\\"campaign\\\":\\\"promo-5511987654321\\\",\\\"customer_email\\\":\\\"maria.silva@example.com\\\"}",
        "{\\\"campaign\\\":\\\"natal\\\",\\\"template\\\":\\\"oferta_v2\\\",\\\"crm_id\\\":\\\"C-77\\\",\\\"reference_id\\\":42}");
    assertTrue(!body.equals(BODY), "the test body holds the callback data it replaces");
    byte[] line = body.getBytes(StandardCharsets.UTF_8);
    String payload = assertInstanceOf(Event.class, classifier.classify(line, line.length)).payload();
    assertTrue(payload.contains("\"biz_opaque_callback_data\":\"{\\\"campaign\\\":\\\"natal\\\",\\\"template\\\":\\\"oferta_v2\\\",\\\"reference_id\\\":42}\""), payload);
  }

  @Test
  void messagesAndStatusesSilverCannotUseAreCounted() {
    LineClassifier classifier = new LineClassifier(
        new PayloadScrubber(new Pseudonymizer(KeyRing.parse(KeyRing.generateText("k1"), "t").primary())), new SignatureVerifier(null, false), 1 << 20);
    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{"
        + "\"statuses\":[{\"id\":\"wamid.A\",\"status\":\"read\",\"timestamp\":\"1795000000\",\"recipient_id\":\"5511987654321\"},"
        + "{\"id\":\"wamid.B\",\"timestamp\":\"1795000000\"},{\"status\":\"sent\",\"timestamp\":\"1795000000\"},{\"id\":null,\"status\":\"sent\",\"timestamp\":\"1795000000\"}],"
        + "\"messages\":[{\"id\":\"wamid.C\",\"from\":\"5511987654321\",\"timestamp\":\"1795000001\",\"type\":\"text\",\"text\":{\"body\":\"oi\"}},"
        + "{\"id\":\"wamid.D\",\"from\":\"5511987654321\",\"timestamp\":\"1795000001\"}]}}]}]}";
    byte[] line = body.getBytes(StandardCharsets.UTF_8);
    Event event = assertInstanceOf(Event.class, classifier.classify(line, line.length));
    assertEquals(4, event.scrub().incompleteEvents(), "three statuses lack an id or a status, one message its type: " + event.payload());
  }

  @Test
  void theDetectorLeavesOrdinaryValuesAlone() {
    IdentifierDetector detector = new IdentifierDetector();
    for (String ordinary : List.of("black-friday-2026", "cart-reminder", "Ver ofertas", "Rate limit hit", "(#130429) Rate limit hit",
        "2026-11-29", "v24.0", "Pedido 12345678", "R$ 1.299,90")) {
      assertEquals(ordinary, detector.redact(ordinary));
    }
    assertEquals("ligue [number] ou [email]", detector.redact("ligue +57 601 234 5678 ou ana@loja.co"));
    assertEquals("[user-id]", detector.redact("ID.ENT.998877665544"));
  }
}

package io.conversa.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.common.ConversaException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyRingTest {
  private static final String SECRET_A = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String SECRET_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void firstLineIsThePrimaryKeyAndOlderKeysStayAvailable() {
    KeyRing ring = KeyRing.parse("# rotated 2026-11\nk2:" + SECRET_B + "\n\nk1:" + SECRET_A + "\n", "test");
    assertEquals("k2", ring.primary().id());
    assertTrue(ring.byId("k1").isPresent());
    assertFalse(ring.byId("k3").isPresent());
  }

  @Test
  void shortSecretsAndMalformedLinesAreRejectedWithTheLineNumber() {
    ConversaException shortKey = assertThrows(ConversaException.class, () -> KeyRing.parse("k1:" + Base64.getEncoder().encodeToString(new byte[8]), "file x"));
    assertEquals(2, shortKey.exitCode());
    assertTrue(shortKey.getMessage().contains("file x line 1"), shortKey.getMessage());
    ConversaException noId = assertThrows(ConversaException.class, () -> KeyRing.parse("\n" + SECRET_A, "file y"));
    assertTrue(noId.getMessage().contains("line 2"), noId.getMessage());
    assertThrows(ConversaException.class, () -> KeyRing.parse("# only a comment\n", "file z"));
  }

  @Test
  void errorsNeverQuoteTheSecret() {
    ConversaException e = assertThrows(ConversaException.class, () -> KeyRing.parse("bad id!:" + SECRET_B, "file w"));
    assertFalse(e.getMessage().contains(SECRET_B));
  }

  @Test
  void generatedRingsParse() {
    KeyRing ring = KeyRing.parse(KeyRing.generateText("k20261126"), "generated");
    assertEquals("k20261126", ring.primary().id());
    assertFalse(ring.primary().toString().contains("="), "toString must not show the secret");
  }

  @Test
  void rotatingPutsANewKeyFirstAndRetiringDropsOnlyAnOlderOne() {
    KeyRing ring = KeyRing.parse(KeyRing.generateText("k1"), "ring");
    KeyRing rotated = KeyRing.parse(ring.withNewPrimary(KeyRing.generate("k2"), "ring").text(), "rotated text");
    assertEquals(java.util.List.of("k2", "k1"), rotated.keys().stream().map(Key::id).toList());
    assertEquals(ring.primary().checkValue(), rotated.byId("k1").orElseThrow().checkValue(), "the old key is kept as it was");
    assertEquals(2, assertThrows(ConversaException.class, () -> rotated.withNewPrimary(KeyRing.generate("k1"), "ring")).exitCode());
    assertEquals(2, assertThrows(ConversaException.class, () -> rotated.withoutKey("k2", "ring")).exitCode(), "never the primary");
    assertEquals(2, assertThrows(ConversaException.class, () -> rotated.withoutKey("k9", "ring")).exitCode());
    assertEquals(java.util.List.of("k2"), rotated.withoutKey("k1", "ring").keys().stream().map(Key::id).toList());
  }
}

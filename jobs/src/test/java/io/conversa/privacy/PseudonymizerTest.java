package io.conversa.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
  private static Key key(String id, int fill) {
    byte[] secret = new byte[32];
    java.util.Arrays.fill(secret, (byte) fill);
    return KeyRing.parse(id + ":" + Base64.getEncoder().encodeToString(secret), "test").primary();
  }

  @Test
  void samePhoneInAnyNotationGivesOnePseudonym() {
    Pseudonymizer p = new Pseudonymizer(key("k1", 1));
    String plain = p.pseudonym("5511987650001");
    assertEquals(plain, p.pseudonym("+55 11 98765-0001"));
    assertEquals(plain, p.pseudonym(" +5511987650001 "));
    assertTrue(plain.startsWith("k1:"), plain);
    assertEquals(3 + 22, plain.length(), "key id, colon, 128 bits in base64url");
  }

  @Test
  void pseudonymsDependOnTheKeyAndTheIdentifier() {
    Pseudonymizer k1 = new Pseudonymizer(key("k1", 1));
    Pseudonymizer k2 = new Pseudonymizer(key("k2", 2));
    assertNotEquals(k1.pseudonym("5511987650001"), k1.pseudonym("5511987650002"));
    assertNotEquals(k1.pseudonym("5511987650001").substring(3), k2.pseudonym("5511987650001").substring(3));
  }

  @Test
  void businessScopedIdsAreOnlyTrimmed() {
    Pseudonymizer p = new Pseudonymizer(key("k1", 1));
    assertEquals(p.pseudonym("US.13491208655302741918"), p.pseudonym(" US.13491208655302741918"));
    assertNotEquals(p.pseudonym("US.13491208655302741918"), p.pseudonym("13491208655302741918"));
  }

  @Test
  void aPersonHasUnrelatedPseudonymsAtTwoBusinesses() {
    Pseudonymizer p = new Pseudonymizer(key("k1", 1));
    String atFirst = p.pseudonym("5511987650001", "102290129340398");
    assertEquals(atFirst, p.pseudonym("+55 11 98765-0001", "102290129340398"), "one business, one pseudonym");
    assertNotEquals(atFirst, p.pseudonym("5511987650001", "106540352242922"), "another business of the same agency");
    assertNotEquals(atFirst, p.pseudonym("5511987650001"), "message ids' scope is not a business's");
    assertNotEquals(p.pseudonym("5511987650001", ""), atFirst, "an entry without a WABA id is a business of its own");
  }

  @Test
  void countryComesFromTheCallingCode() {
    assertEquals("BR", CallingCodes.regionOf("5511987650001"));
    assertEquals("IN", CallingCodes.regionOf("919876543210"));
    assertEquals("ID", CallingCodes.regionOf("6281234567890"));
    assertEquals("CO", CallingCodes.regionOf("573001234567"));
    assertEquals("US", CallingCodes.regionOf("16505551234"));
  }
}

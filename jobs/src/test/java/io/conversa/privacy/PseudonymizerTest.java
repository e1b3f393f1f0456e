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
  void rememberedPseudonymsAreTheComputedOnesAndNeverAnotherPairs() {
    Pseudonymizer remembering = new Pseudonymizer(key("k1", 1));
    String inOne = remembering.pseudonym("23", "1");
    String unscoped = remembering.pseudonym("23");
    for (int i = 0; i < 60_000; i++) {
      remembering.pseudonym("55119" + i, "1"); // past the bound: the first entries are dropped and made again
    }
    assertEquals(new Pseudonymizer(key("k1", 1)).pseudonym("3", "12"), remembering.pseudonym("3", "12"),
        "business 12 with 3 is not business 1 with 23");
    assertEquals(inOne, remembering.pseudonym("23", "1"));
    assertEquals(unscoped, remembering.pseudonym("23"));
    assertNotEquals(inOne, remembering.pseudonym("3", "12"));
    assertNotEquals(remembering.pseudonym("23", ""), unscoped, "no business is not unscoped");
    assertEquals(new Pseudonymizer(key("k1", 1)).pseudonym("23", ""), remembering.pseudonym("23", ""));
  }

  @Test
  void countryComesFromTheCallingCode() {
    assertEquals("BR", CallingCodes.regionOf("5511987650001"));
    assertEquals("IN", CallingCodes.regionOf("919876543210"));
    assertEquals("ID", CallingCodes.regionOf("6281234567890"));
    assertEquals("CO", CallingCodes.regionOf("573001234567"));
    assertEquals("US", CallingCodes.regionOf("16505551234"));
  }

  @Test
  void aRotatedRingKeepsThePseudonymsOfItsOldestKeyAndLinksTheNewOnesToThem() {
    Key k1 = key("k1", 1);
    Key k2 = key("k2", 2);
    KeyRing rotated = KeyRing.parse("k2:" + secret(2) + "\nk1:" + secret(1), "test");
    Pseudonymizer during = new Pseudonymizer(rotated, PseudonymLinks.NONE);
    String person = during.pseudonym("+55 11 98765-0001", "waba-1");
    String message = during.pseudonym("wamid.HBgLNTUxMTk4NzY1MDAwMRUCABIYFDNBMEQ");
    assertEquals(new Pseudonymizer(k1).pseudonym("5511987650001", "waba-1"), person, "silver keeps the id it had before the rotation");
    assertEquals(new Pseudonymizer(k1).pseudonym("wamid.HBgLNTUxMTk4NzY1MDAwMRUCABIYFDNBMEQ"), message);
    java.util.List<String[]> links = during.takeLinks();
    assertEquals(2, links.size());
    assertEquals(new Pseudonymizer(k2).pseudonym("5511987650001", "waba-1"), links.get(0)[0]);
    assertEquals(person, links.get(0)[1]);
    during.pseudonym("5511987650001", "waba-1");
    assertTrue(during.takeLinks().isEmpty(), "a link is emitted once per task, not per line");

    java.util.Map<String, String> recorded = new java.util.HashMap<>();
    links.forEach(link -> recorded.put(link[0], link[1]));
    Pseudonymizer after = new Pseudonymizer(KeyRing.parse("k2:" + secret(2), "test"), p -> recorded.getOrDefault(p, p));
    assertEquals(person, after.pseudonym("5511987650001", "waba-1"), "after the old key is retired, the link finds the person");
    assertEquals(message, after.pseudonym("wamid.HBgLNTUxMTk4NzY1MDAwMRUCABIYFDNBMEQ"));
    assertTrue(after.pseudonym("5511987650002", "waba-1").startsWith("k2:"), "someone new gets a pseudonym under the remaining key");
    assertTrue(after.takeLinks().isEmpty(), "one key: nothing to link");
  }

  private static String secret(int fill) {
    byte[] secret = new byte[32];
    java.util.Arrays.fill(secret, (byte) fill);
    return Base64.getEncoder().encodeToString(secret);
  }
}

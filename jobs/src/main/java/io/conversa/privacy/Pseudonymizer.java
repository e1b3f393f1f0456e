package io.conversa.privacy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * Turns a direct identifier into a keyed pseudonym: {@code <key id>:<base64url of the first 128
 * bits of HMAC-SHA256(key, normalised identifier)>}. The same identifier gives the same
 * pseudonym in every run under one key; without the key nobody can map it back or test a guess.
 *
 * <p>People are pseudonymised per business ({@link #pseudonym(String, String)}: the WABA the
 * event belongs to), under a key derived for that business, so the same person at two clients of
 * one agency has two unrelated pseudonyms, as Meta scopes its user ids per business. Message ids
 * belong to one message of one business and keep a single pseudonym ({@link #pseudonym(String)}):
 * the business's send log is matched by them.
 *
 * <p>Not thread-safe (one {@link Mac}); each Spark task deserialises its own copy.
 */
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int PSEUDONYM_BYTES = 16;
  private final String keyId;
  private final byte[] hmacKey;
  private transient Mac mac;
  private transient java.util.Map<String, Mac> businessMacs;

  public Pseudonymizer(Key key) {
    this.keyId = key.id();
    this.hmacKey = key.derive("pseudonym");
  }

  public String keyId() {
    return keyId;
  }

  /** The pseudonym of an identifier that is no person's: a message id, the same for every business. */
  public String pseudonym(String identifier) {
    return pseudonymUnder(mac(), identifier);
  }

  /** The pseudonym of a person's identifier within one business (a WABA id; empty when unknown). */
  public String pseudonym(String identifier, String business) {
    if (businessMacs == null) {
      businessMacs = new java.util.HashMap<>();
    }
    Mac scoped = businessMacs.computeIfAbsent(business == null ? "" : business,
        b -> Hmacs.sha256(Hmacs.sha256(hmacKey).doFinal(("business/" + b).getBytes(StandardCharsets.UTF_8))));
    return pseudonymUnder(scoped, identifier);
  }

  private String pseudonymUnder(Mac mac, String identifier) {
    byte[] digest = mac.doFinal(normalise(identifier).getBytes(StandardCharsets.UTF_8));
    return keyId
        + ":"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(Arrays.copyOf(digest, PSEUDONYM_BYTES));
  }

  /**
   * Phone numbers arrive as {@code 5511...}, {@code +55 11 ...} or {@code +1 555-555-5555}: they
   * become digits only. Anything else (business-scoped user ids, group ids) is only trimmed.
   */
  static String normalise(String identifier) {
    String trimmed = identifier.strip();
    if (looksLikePhoneNumber(trimmed)) {
      return digitsOf(trimmed);
    }
    return trimmed;
  }

  static boolean looksLikePhoneNumber(String value) {
    int digits = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
        return false;
      }
    }
    return digits > 0;
  }

  /** The digits of a number in any notation ({@code +55 (11) 98765-4321} -> {@code 5511987654321}). */
  public static String digitsOf(String value) {
    StringBuilder digits = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.toString();
  }

  private Mac mac() {
    if (mac == null) {
      mac = Hmacs.sha256(hmacKey);
    }
    return mac;
  }

  @Override
  public String toString() {
    return "Pseudonymizer(" + keyId + ")";
  }
}

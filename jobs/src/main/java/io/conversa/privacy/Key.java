package io.conversa.privacy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * One secret of the key ring. Pseudonyms and quarantine encryption use separate keys derived
 * from it (HMAC-SHA256 of a purpose label, as HKDF-Expand does), so neither use weakens the
 * other.
 */
public final class Key implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String id;
  private final byte[] secret;

  Key(String id, byte[] secret) {
    this.id = id;
    this.secret = secret.clone();
  }

  public String id() {
    return id;
  }

  byte[] derive(String purpose) {
    return Hmacs.sha256(secret).doFinal(("conversa/" + purpose).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A value that identifies the key without revealing it (HMAC of a fixed label under a key of
   * its own purpose, 16 bytes in hex): the lake records it to tell its keys from others.
   */
  public String checkValue() {
    return java.util.HexFormat.of().formatHex(java.util.Arrays.copyOf(derive("key-check"), 16));
  }

  byte[] secret() {
    return secret.clone();
  }

  /** Never the secret: keys end up in closures, logs and exceptions. */
  @Override
  public String toString() {
    return "Key(" + id + ")";
  }
}

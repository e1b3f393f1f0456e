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

  byte[] secret() {
    return secret.clone();
  }

  /** Never the secret: keys end up in closures, logs and exceptions. */
  @Override
  public String toString() {
    return "Key(" + id + ")";
  }
}

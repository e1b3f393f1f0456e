package io.conversa.privacy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(("conversa/" + purpose).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
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

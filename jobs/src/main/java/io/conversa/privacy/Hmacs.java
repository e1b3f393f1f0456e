package io.conversa.privacy;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 instances: every keyed hash of conversa (pseudonyms, signatures, line hashes). */
public final class Hmacs {
  private Hmacs() {}

  /** A new, not thread-safe, HMAC-SHA256 under {@code key}. */
  public static Mac sha256(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}

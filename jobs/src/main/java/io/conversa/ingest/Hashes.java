package io.conversa.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex, the form of event_id and line_sha256. */
public final class Hashes {
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
          });

  private Hashes() {}

  public static String sha256Hex(byte[] bytes, int length) {
    return sha256Hex(bytes, 0, length);
  }

  public static String sha256Hex(byte[] bytes, int offset, int length) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    digest.update(bytes, offset, length);
    return HexFormat.of().formatHex(digest.digest());
  }
}

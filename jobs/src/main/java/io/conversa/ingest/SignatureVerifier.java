package io.conversa.ingest;

import io.conversa.privacy.Hmacs;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(body, app secret)>} over the exact
 * body bytes. Answers one of the values of bronze.webhook_events.signature, or {@link #MISMATCH}.
 */
public final class SignatureVerifier implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String VALID = "valid";
  public static final String ABSENT = "absent";
  public static final String UNCHECKED = "unchecked";
  public static final String MISMATCH = "mismatch";
  private static final String PREFIX = "sha256=";
  private final byte[] appSecret;
  private transient Mac mac;

  /** {@code appSecret} null: signatures are reported {@link #UNCHECKED}, never rejected. */
  public SignatureVerifier(byte[] appSecret) {
    this.appSecret = appSecret == null ? null : appSecret.clone();
  }

  public String check(String header, byte[] body) {
    if (header == null || header.isBlank()) {
      return ABSENT;
    }
    if (appSecret == null) {
      return UNCHECKED;
    }
    String value = header.strip();
    if (!value.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
      return MISMATCH;
    }
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(value.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException notHex) {
      return MISMATCH;
    }
    byte[] actual = mac().doFinal(body);
    return MessageDigest.isEqual(expected, actual) ? VALID : MISMATCH;
  }

  /** The header value Meta would send for {@code body}; the generator signs with it. */
  public static String sign(byte[] appSecret, String body) {
    return PREFIX + HexFormat.of().formatHex(new SignatureVerifier(appSecret).mac().doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac mac() {
    if (mac == null) {
      mac = Hmacs.sha256(appSecret);
    }
    return mac;
  }

  @Override
  public String toString() {
    return appSecret == null ? "SignatureVerifier(unchecked)" : "SignatureVerifier(app secret set)";
  }
}

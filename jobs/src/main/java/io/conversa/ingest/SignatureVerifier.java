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
 * body bytes. Answers one of the values of bronze.webhook_events.signature, or {@link #MISMATCH}
 * or {@link #UNSIGNED}, which quarantine the line.
 *
 * <p>With a secret, a line without a signature cannot be verified and anyone could have written
 * it: it is {@link #UNSIGNED} unless the run accepts unsigned lines (logs that kept bodies only),
 * a trust decision bronze records as {@link #ABSENT}. Without a secret, nothing is verified:
 * every line is {@link #UNCHECKED}.
 */
public final class SignatureVerifier implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String VALID = "valid";
  public static final String ABSENT = "absent";
  public static final String UNCHECKED = "unchecked";
  public static final String MISMATCH = "mismatch";
  public static final String UNSIGNED = "unsigned";
  private static final String PREFIX = "sha256=";
  private final byte[] appSecret;
  private final boolean acceptUnsigned;
  private transient Mac mac;

  /** {@code appSecret} null: signatures are reported {@link #UNCHECKED}, never rejected. */
  public SignatureVerifier(byte[] appSecret, boolean acceptUnsigned) {
    if (appSecret != null && appSecret.length == 0) {
      throw new IllegalArgumentException("an empty app secret verifies nothing");
    }
    this.appSecret = appSecret == null ? null : appSecret.clone();
    this.acceptUnsigned = acceptUnsigned;
  }

  /** @param header the X-Hub-Signature-256 value, or null when the line has none (a raw body) */
  public String check(String header, byte[] body) {
    if (appSecret == null) {
      return UNCHECKED;
    }
    if (header == null || header.isBlank()) {
      return acceptUnsigned ? ABSENT : UNSIGNED;
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
    return PREFIX + HexFormat.of().formatHex(new SignatureVerifier(appSecret, false).mac().doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac mac() {
    if (mac == null) {
      mac = Hmacs.sha256(appSecret);
    }
    return mac;
  }

  @Override
  public String toString() {
    return appSecret == null ? "SignatureVerifier(unchecked)"
        : "SignatureVerifier(app secret set" + (acceptUnsigned ? ", unsigned accepted)" : ")");
  }
}

package io.conversa.privacy;

import io.conversa.common.Errors;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret keys, newest first. Text form: one {@code <id>:<base64 secret>} per line, the
 * first line the primary key (seals new quarantined lines), the last the oldest (makes
 * pseudonyms; each newer key's are linked to its, see {@link Pseudonymizer}). Older keys also
 * open lines sealed before a rotation; once retired, those lines cannot be opened by anyone.
 * {@code #} starts a comment.
 */
public final class KeyRing implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String ENV_VARIABLE = "CONVERSA_KEY";
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
  private static final int MIN_SECRET_BYTES = 32;
  private final List<Key> keys;

  private KeyRing(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  public Key primary() {
    return keys.get(0);
  }

  /** Every key, the primary first. */
  public List<Key> keys() {
    return keys;
  }

  public Optional<Key> byId(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  public static KeyRing read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), "file " + file);
    } catch (IOException e) {
      throw Errors.unreadableFile("key file", file.toString(), e);
    }
  }

  /** The key file if given, else {@value #ENV_VARIABLE}, else a usage error. */
  public static KeyRing fromFileOrEnvironment(Path file) {
    if (file != null) {
      return read(file);
    }
    String env = System.getenv(ENV_VARIABLE);
    if (env != null && !env.isBlank()) {
      return parse(env, "in $" + ENV_VARIABLE);
    }
    throw Errors.missingKey();
  }

  public static KeyRing parse(String text, String source) {
    List<Key> keys = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String expected = "<id>:<base64 secret of at least 32 bytes>";
      if (colon < 1 || !KEY_ID.matcher(line.substring(0, colon)).matches()) {
        throw Errors.badKeyFile(source, i + 1, expected);
      }
      byte[] secret;
      try {
        secret = Base64.getDecoder().decode(line.substring(colon + 1).strip());
      } catch (IllegalArgumentException e) {
        throw Errors.badKeyFile(source, i + 1, expected);
      }
      if (secret.length < MIN_SECRET_BYTES) {
        throw Errors.badKeyFile(source, i + 1, expected);
      }
      keys.add(new Key(line.substring(0, colon), secret));
    }
    if (keys.isEmpty()) {
      throw Errors.badKeyFile(source, 1, "at least one line <id>:<base64 secret>");
    }
    return new KeyRing(keys);
  }

  /** A new ring of one random 256-bit key, in its text form. */
  public static String generateText(String id) {
    return new KeyRing(List.of(generate(id))).text();
  }

  /** A random 256-bit key. */
  public static Key generate(String id) {
    if (!KEY_ID.matcher(id).matches()) {
      throw Errors.usage("--id takes 1 to 16 letters, digits, '_' or '-'.", "choose another --id.");
    }
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new Key(id, secret);
  }

  /** This ring with {@code key} first (a rotation); {@code source} names the ring in errors. */
  public KeyRing withNewPrimary(Key key, String source) {
    if (byId(key.id()).isPresent()) {
      throw Errors.usage("the ring " + source + " holds a key " + key.id() + " already.", "choose another --id (or leave it out: keygen makes unique ones).");
    }
    List<Key> rotated = new ArrayList<>();
    rotated.add(key);
    rotated.addAll(keys);
    return new KeyRing(rotated);
  }

  /** This ring without the older key {@code id}; the primary and a ring's only key are never retired. */
  public KeyRing withoutKey(String id, String source) {
    if (byId(id).isEmpty()) {
      throw Errors.usage("--retire names no key of the ring " + source + " (it holds " + String.join(", ", keys.stream().map(Key::id).toList()) + ").",
          "name one of its older keys.");
    }
    if (primary().id().equals(id)) {
      throw Errors.usage("key " + id + " is the primary of " + source + ": retiring it would leave new lines sealed under a key nobody holds.",
          "rotate first (`conversa keygen --rotate --out " + source + "`), then retire the old key.");
    }
    return new KeyRing(keys.stream().filter(k -> !k.id().equals(id)).toList());
  }

  /** The text form, the primary first; holds the secrets. */
  public String text() {
    StringBuilder text = new StringBuilder("# conversa key ring: the first line is the primary key (quarantine encryption);"
        + " the last makes pseudonyms, newer ones are linked to it. Keep this file secret.\n");
    for (Key key : keys) {
      text.append(key.id()).append(':').append(Base64.getEncoder().encodeToString(key.secret())).append('\n');
    }
    return text.toString();
  }
}

package io.conversa.privacy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * File names are data: a log exported as {@code 5511987654321.jsonl} or a folder named after an
 * agent's e-mail puts an identifier wherever the name goes. Every name conversa prints passes
 * {@link #shown}; every name it stores passes {@link #stored}, which keeps two files apart (the
 * ingest ledger and the quarantine's ciphertexts need each file's identity) by a keyed hash of
 * each identifier it replaces.
 */
public final class FileNames implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final IdentifierDetector DETECTOR = new IdentifierDetector();
  /** Hex digits of the keyed hash: enough to tell a folder's files apart, too few to search. */
  private static final int HASH_HEX = 8;
  private static final java.util.regex.Pattern EXTENSIONS = java.util.regex.Pattern.compile(
      "(\\.(?:jsonl|ndjson|json|log|txt|csv|gz|zip))+$", java.util.regex.Pattern.CASE_INSENSITIVE);

  private final byte[] key;

  private FileNames(byte[] key) {
    this.key = key;
  }

  /**
   * Stored names under the ring's oldest key, which outlives rotations as pseudonyms do: a file
   * keeps its stored name, so the ledger still knows it after the newer keys come and go.
   */
  public static FileNames keyedBy(KeyRing ring) {
    return new FileNames(ring.keys().get(ring.keys().size() - 1).derive("file-name"));
  }

  /** {@code path} as printed: each identifier in it replaced by its label ({@code [number]}). */
  public static String shown(Object path) {
    return path == null ? null : redact(path.toString(), (label, found) -> label);
  }

  /** {@code path} as stored: each identifier replaced by its label and a keyed hash of it. */
  public String stored(String path) {
    return redact(path, (label, found) -> label.substring(0, label.length() - 1) + "-" + hash(found) + "]");
  }

  /**
   * Folder by folder, the file's extensions kept: {@code ana@example.com.jsonl} is an e-mail and
   * an extension, not an address at {@code example.com.jsonl}.
   */
  private static String redact(String path, IdentifierDetector.Labeller labeller) {
    StringBuilder out = new StringBuilder(path.length());
    int start = 0;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      String segment = path.substring(start, end);
      java.util.regex.Matcher extension = EXTENSIONS.matcher(segment);
      int stem = extension.find() ? extension.start() : segment.length();
      out.append(DETECTOR.redact(segment.substring(0, stem), labeller)).append(segment, stem, segment.length());
      if (slash < 0) {
        break;
      }
      out.append('/');
      start = slash + 1;
    }
    return out.toString();
  }

  private String hash(String found) {
    byte[] mac = Hmacs.sha256(key).doFinal(found.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(mac).substring(0, HASH_HEX);
  }
}

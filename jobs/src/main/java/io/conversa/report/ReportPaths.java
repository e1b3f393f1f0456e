package io.conversa.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A client's name as a folder name: letters without accents, digits, '.', '_' and '-' only, so
 * no name can climb out of the output folder ({@code ../}), hide ({@code .x}) or trip a shell or
 * a file system. Two names that come out alike are told apart by a short hash of the name.
 */
public final class ReportPaths {
  private static final int MAX_LENGTH = 80;

  private ReportPaths() {}

  public static String folderName(String client) {
    String ascii = Normalizer.normalize(client, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String safe = ascii.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[.-]+|[.-]+$", "").replaceAll("\\.{2,}", ".");
    if (safe.length() > MAX_LENGTH) {
      safe = safe.substring(0, MAX_LENGTH);
    }
    return safe.isEmpty() ? "client-" + shortHash(client) : safe;
  }

  /** The folder name with a hash of the full name: for a name that collides with another's. */
  public static String distinctFolderName(String client) {
    return folderName(client) + "-" + shortHash(client);
  }

  private static String shortHash(String client) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(client.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4).toLowerCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

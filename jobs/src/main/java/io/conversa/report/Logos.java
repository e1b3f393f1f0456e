package io.conversa.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * A client's logo as a {@code data:} URI, so the report stays one self-contained file. A logo is
 * a local image file (relative paths start at the configuration's folder); anything else is left
 * out with a note rather than fetched: nothing in a report run reaches the network but --send.
 */
final class Logos {
  static final long MAX_BYTES = 512 * 1024;
  private static final Map<String, String> TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif");

  private Logos() {}

  /** The data URI, or null (and a note to {@code notes}) when the logo cannot be embedded. */
  static String dataUri(String logo, Path configFolder, java.util.function.Consumer<String> notes) {
    if (logo == null || logo.isBlank()) {
      return null;
    }
    if (logo.contains("://")) {
      notes.accept("report: logo " + logo + " is not a local file; left out (reports embed local PNG, JPEG or GIF files only).");
      return null;
    }
    Path file = configFolder == null ? Path.of(logo) : configFolder.resolve(logo);
    String name = file.getFileName().toString();
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
    try {
      if (type == null || !Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
        notes.accept("report: logo " + file + " is missing, not a PNG, JPEG or GIF, or larger than 512 KiB; left out.");
        return null;
      }
      return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    } catch (IOException e) {
      notes.accept("report: logo " + file + " is unreadable (" + e.getClass().getSimpleName() + "); left out.");
      return null;
    }
  }
}

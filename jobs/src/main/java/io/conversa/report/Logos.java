package io.conversa.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * A client's logo as a {@code data:} URI, so the report stays one self-contained file. A logo is
 * a regular image file inside the configuration's folder, decoded as the image its name says;
 * anything else is left out with a note rather than fetched or embedded: nothing in a report run
 * reaches the network but --send, and a logo "path" that is a symlink to a key file, or a key file
 * renamed .png, never ends up in a report that is mailed. Notes name the configured logo, never
 * the file's content.
 */
final class Logos {
  static final long MAX_BYTES = 512 * 1024;
  static final int MAX_SIDE = 2048;
  private static final Map<String, String> TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif");

  private Logos() {}

  /** The data URI, or null (and a note to {@code notes}) when the logo cannot be embedded. */
  static String dataUri(String logo, Path configFolder, java.util.function.Consumer<String> notes) {
    if (logo == null || logo.isBlank()) {
      return null;
    }
    if (logo.contains("://")) {
      notes.accept("report: the configured logo is not a local file; left out (reports embed local PNG, JPEG or GIF files only).");
      return null;
    }
    Path folder = (configFolder == null ? Path.of("") : configFolder).toAbsolutePath().normalize();
    Path file = folder.resolve(logo).normalize();
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
    try {
      if (type == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
        notes.accept("report: the configured logo is missing, a link, not a PNG, JPEG or GIF, or larger than 512 KiB; left out.");
        return null;
      }
      if (!file.toRealPath().startsWith(folder.toRealPath())) {
        notes.accept("report: the configured logo is outside the configuration's folder; left out.");
        return null;
      }
      byte[] bytes = Files.readAllBytes(file);
      if (!isImage(bytes, type)) {
        notes.accept("report: the configured logo does not decode as the " + type + " image its name says, or is larger than "
            + MAX_SIDE + " x " + MAX_SIDE + " pixels; left out.");
        return null;
      }
      return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
    } catch (IOException e) {
      notes.accept("report: the configured logo is unreadable (" + e.getClass().getSimpleName() + "); left out.");
      return null;
    }
  }

  /**
   * The bytes decode as an image of the named type, at most {@value #MAX_SIDE} pixels a side:
   * the size is read from the header first, since a few hundred compressed bytes can declare
   * a 60,000 x 60,000 image that takes gigabytes to decode and every mail client to render.
   */
  private static boolean isImage(byte[] bytes, String type) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      while (readers.hasNext()) {
        ImageReader reader = readers.next();
        try {
          if (Arrays.asList(reader.getOriginatingProvider().getMIMETypes()).contains(type)) {
            reader.setInput(in);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
              return false;
            }
            return reader.read(0) != null;
          }
        } finally {
          reader.dispose();
        }
      }
      return false;
    } catch (IOException | RuntimeException notAnImage) {
      return false;
    }
  }
}

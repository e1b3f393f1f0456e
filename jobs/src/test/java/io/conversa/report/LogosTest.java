package io.conversa.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A logo is embedded only when it is an image file inside the configuration's folder. */
class LogosTest {
  private static final String KEY_LINE = "k1:c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0NTY3OA==";
  @TempDir Path dir;
  private Path config;
  private Path keyFile;
  private final List<String> notes = new ArrayList<>();

  @BeforeEach
  void aConfigFolderBesideAKeyFile() throws IOException {
    config = Files.createDirectories(dir.resolve("config"));
    keyFile = dir.resolve("conversa.key");
    Files.writeString(keyFile, KEY_LINE + "\n");
    ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", config.resolve("logo.png").toFile());
  }

  @Test
  void anImageInsideTheFolderIsEmbedded() {
    String uri = Logos.dataUri("logo.png", config, notes::add);
    assertTrue(uri.startsWith("data:image/png;base64,iVBORw0KGgo"), uri);
    assertEquals(List.of(), notes);
  }

  @Test
  void aLinkToTheKeyIsLeftOut() throws IOException {
    Files.createSymbolicLink(config.resolve("brand.png"), keyFile);
    assertNull(Logos.dataUri("brand.png", config, notes::add));
    assertLeftOutWithoutTheKey();
  }

  @Test
  void theKeyRenamedAsAnImageIsLeftOut() throws IOException {
    Files.copy(keyFile, config.resolve("key.png"));
    assertNull(Logos.dataUri("key.png", config, notes::add));
    assertLeftOutWithoutTheKey();
  }

  @Test
  void aFileOutsideTheFolderIsLeftOut() throws IOException {
    ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("outside.png").toFile());
    assertNull(Logos.dataUri("../outside.png", config, notes::add));
    assertNull(Logos.dataUri(dir.resolve("outside.png").toString(), config, notes::add));
    assertEquals(2, notes.size(), notes.toString());
  }

  @Test
  void anImageTooLargeIsLeftOut() throws IOException {
    Files.write(config.resolve("huge.gif"), new byte[(int) Logos.MAX_BYTES + 1]);
    assertNull(Logos.dataUri("huge.gif", config, notes::add));
    assertEquals(1, notes.size());
  }

  /**
   * A pixel bomb: a few hundred bytes that declare a 60,000 x 60,000 image. Its size is read from
   * the header and the logo left out before anything is decoded; a real image past the limit too.
   */
  @Test
  void anImageOfTooManyPixelsIsLeftOutBeforeItIsDecoded() throws IOException {
    Files.write(config.resolve("bomb.png"), pngHeaderOnly(60_000, 60_000));
    assertNull(Logos.dataUri("bomb.png", config, notes::add));
    ImageIO.write(new BufferedImage(Logos.MAX_SIDE + 1, 2, BufferedImage.TYPE_BYTE_BINARY), "png", config.resolve("wide.png").toFile());
    assertNull(Logos.dataUri("wide.png", config, notes::add));
    assertEquals(2, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains("pixels"), notes.get(0));
    ImageIO.write(new BufferedImage(Logos.MAX_SIDE, 2, BufferedImage.TYPE_BYTE_BINARY), "png", config.resolve("banner.png").toFile());
    assertTrue(Logos.dataUri("banner.png", config, notes::add).startsWith("data:image/png"));
  }

  /** The PNG signature and an IHDR chunk of 1-bit greyscale at that size, then an empty IDAT and IEND. */
  private static byte[] pngHeaderOnly(int width, int height) throws IOException {
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 1).put((byte) 0).put((byte) 0)
        .put((byte) 0).put((byte) 0);
    chunk(png, "IHDR", ihdr.array());
    chunk(png, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static void chunk(java.io.ByteArrayOutputStream png, String type, byte[] data) throws IOException {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    crc.update(data);
    png.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
    png.write(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    png.write(data);
    png.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private void assertLeftOutWithoutTheKey() {
    assertEquals(1, notes.size(), notes.toString());
    assertFalse(notes.get(0).contains("c2VjcmV0"), notes.get(0));
  }
}

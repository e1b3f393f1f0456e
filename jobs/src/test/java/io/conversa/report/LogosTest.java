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

  private void assertLeftOutWithoutTheKey() {
    assertEquals(1, notes.size(), notes.toString());
    assertFalse(notes.get(0).contains("c2VjcmV0"), notes.get(0));
  }
}

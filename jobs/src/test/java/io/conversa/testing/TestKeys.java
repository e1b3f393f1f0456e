package io.conversa.testing;

import io.conversa.privacy.KeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Key rings and app secrets written to a test's temporary folder. */
public final class TestKeys {
  public static final String APP_SECRET = "test-app-secret-5f1d";

  private TestKeys() {}

  public static Path keyFile(Path folder, String id) {
    Path file = folder.resolve(id + ".key");
    write(file, KeyRing.generateText(id));
    return file;
  }

  public static Path appSecretFile(Path folder) {
    Path file = folder.resolve("app-secret");
    write(file, APP_SECRET + "\n");
    return file;
  }

  public static KeyRing ring(Path folder, String id) {
    return KeyRing.read(keyFile(folder, id));
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

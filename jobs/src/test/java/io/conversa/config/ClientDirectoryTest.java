package io.conversa.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.common.ConversaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clients file that is wrong says where and what was expected, never what it found. */
class ClientDirectoryTest {
  @TempDir Path dir;

  @Test
  void malformedJsonNamesItsLineAndColumn() throws IOException {
    Path truncated = Files.writeString(dir.resolve("clients.json"), "{\"clients\": [\n  {\"name\": \"Loja Aurora\",\n   \"recipients\": [\"ana.souza@example.com\"");
    ConversaException e = assertThrows(ConversaException.class, () -> ClientDirectory.read(truncated));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().matches("(?s).*clients\\.json, line 3, column \\d+: expected valid UTF-8 JSON.*"), e.getMessage());
    assertFalse(e.getMessage().contains("ana.souza") || e.getMessage().contains("check that the file exists"), e.getMessage());
    Path missingComma = Files.writeString(dir.resolve("comma.json"), "{\"clients\": [{\"name\": \"a\" \"time_zone\": \"UTC\"}]}");
    assertTrue(assertThrows(ConversaException.class, () -> ClientDirectory.read(missingComma)).getMessage().contains("line 1, column"));
    Path trailing = Files.writeString(dir.resolve("trailing.json"), "{\"clients\": []} {\"more\": 1}");
    assertTrue(assertThrows(ConversaException.class, () -> ClientDirectory.read(trailing)).getMessage().contains("line 1, column"));
    Path latin1 = Files.write(dir.resolve("latin1.json"), "{\"clients\": [{\"name\": \"S\u00e3o\"}]}".getBytes(StandardCharsets.ISO_8859_1));
    assertTrue(assertThrows(ConversaException.class, () -> ClientDirectory.read(latin1)).getMessage().contains("expected valid UTF-8 JSON"));
  }

  @Test
  void aWrongValueIsNamedByItsFieldNotRepeated() throws IOException {
    for (String client : new String[] {
      "{\"name\": \"a\", \"time_zone\": \"ana.souza@example.com\"}",
      "{\"name\": \"a\", \"locale\": \"5511987654321\"}",
      "{\"name\": \"a\", \"recipients\": \"ana.souza@example.com\"}",
      "{\"name\": 5511987654321}",
      "{\"name\": \"a\", \"waba_ids\": [5511987654321]}"}) {
      Path file = Files.writeString(dir.resolve("clients.json"), "{\"clients\": [" + client + "]}");
      ConversaException e = assertThrows(ConversaException.class, () -> ClientDirectory.read(file), client);
      assertEquals(2, e.exitCode());
      assertTrue(e.getMessage().contains("clients[0]"), e.getMessage());
      assertFalse(e.getMessage().contains("ana.souza") || e.getMessage().contains("5511987654321"), e.getMessage());
    }
  }

  @Test
  void aGoodFileReads() throws IOException {
    Path file = Files.writeString(dir.resolve("clients.json"), "{\"clients\": [{\"name\": \"Loja Aurora\", \"waba_ids\": [\"1\"],"
        + " \"locale\": \"pt_br\", \"time_zone\": \"America/Sao_Paulo\"}]}");
    ClientDirectory clients = ClientDirectory.read(file);
    assertEquals("pt-BR", clients.client("Loja Aurora").locale());
    assertEquals("America/Sao_Paulo", clients.timeZone("Loja Aurora").getId());
  }
}

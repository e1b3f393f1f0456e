package io.conversa.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.config.ClientDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's clients configuration reads as each market's agency would write it. */
class SampleClientsTest {
  @TempDir Path dir;

  @Test
  void eachClientGetsItsMarketsLanguageAndTimeZone() throws IOException {
    Path config = dir.resolve("clients.json");
    Files.writeString(config, SampleClients.configJson(GeneratorSettings.defaults(1_000, new byte[32])));
    ClientDirectory clients = ClientDirectory.read(config);
    Map<String, String[]> expected = Map.of(
        "BR", new String[] {"pt-BR", "America/Sao_Paulo"},
        "IN", new String[] {"en", "Asia/Kolkata"},
        "ID", new String[] {"en", "Asia/Jakarta"});
    int checked = 0;
    for (ClientDirectory.Client client : clients.clients()) {
      String country = client.displayName().substring(client.displayName().lastIndexOf('(') + 1, client.displayName().length() - 1);
      String[] wanted = expected.get(country);
      assertTrue(wanted != null, "a market the demo does not serve: " + client.displayName());
      assertEquals(wanted[0], client.locale(), client.name());
      assertEquals(ZoneId.of(wanted[1]), client.timeZone(), client.name());
      checked++;
    }
    assertTrue(checked >= 3, "the demo's three businesses: " + checked);
  }
}

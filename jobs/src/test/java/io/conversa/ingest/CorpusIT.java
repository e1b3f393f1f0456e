package io.conversa.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchemas;
import io.conversa.testing.CliRun;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import io.conversa.testing.WebhookLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 94 public example payloads of ../shared/webhook-corpus (several API versions, one file
 * deliberately broken) as one log, one line a payload: each lands in bronze or quarantine.
 */
class CorpusIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyCorpusPayloadLandsInBronzeOrQuarantine() throws IOException {
    Path corpus = Path.of(System.getProperty("conversa.corpus", "../shared/webhook-corpus"));
    assumeTrue(Files.isDirectory(corpus), "no webhook corpus at " + corpus.toAbsolutePath());
    List<byte[]> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(corpus)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (file.getParent().getFileName().toString().equals("pywa")) {
          // pywa keeps a file of named scenarios, each value one complete body.
          for (Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(text).fields(); it.hasNext(); ) {
            lines.add(WebhookLogs.utf8(it.next().getValue().toString()));
          }
        } else {
          // One body a file, pretty-printed: a log line holds it with its newlines folded, as it is.
          lines.add(WebhookLogs.utf8(text.replaceAll("\\s*\\R\\s*", " ").strip()));
        }
      }
    }
    assertEquals(94, lines.size(), "the corpus holds 94 payloads");
    WebhookLogs.write(dir.resolve("logs/corpus.jsonl"), lines);

    String lake = dir.resolve("lake").toString();
    CliRun run = CliRun.of("ingest", "--input", dir.resolve("logs").toString(), "--lake", lake,
        "--key-file", TestKeys.keyFile(dir, "k1").toString(), "--master", "local[2]");
    assertEquals(0, run.exitCode(), run.all());
    IngestIT.Summary summary = IngestIT.Summary.parse(run.out());
    assertEquals(94, summary.lines());
    assertEquals(94, summary.stored() + summary.duplicates() + summary.quarantined());
    Lake theLake = new Lake(SharedSpark.session(), lake);
    assertEquals(summary.stored(), theLake.read(TableSchemas.WEBHOOK_EVENTS).count());
    assertEquals(1, theLake.read(TableSchemas.QUARANTINE).count(), "only the deliberately broken payload: " + run.out());
    assertEquals("not_json", theLake.read(TableSchemas.QUARANTINE).first().getAs("reason"));
    assertTrue(theLake.read(TableSchemas.WEBHOOK_EVENTS).filter("array_contains(fields, 'calls')").count() > 0);
  }
}

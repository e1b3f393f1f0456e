package io.conversa.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every body shape conversa knows, one a line, lands in bronze or quarantine: the repository's
 * hand-built bodies of every field and message type, one deliberately broken body, and, where
 * {@code ../shared/webhook-corpus} is checked out beside the repository, its 94 public example
 * payloads of several API versions (one of them broken too). The corpus is public material that
 * stays outside the repository; without it the test still runs, on the repository's bodies.
 */
class CorpusIT {

  @TempDir Path dir;

  @Test
  void everyBodyShapeLandsInBronzeOrQuarantine() throws IOException {
    List<byte[]> lines = new ArrayList<>();
    WebhookLogs.everyTypeBodies().forEach(body -> lines.add(WebhookLogs.utf8(body)));
    int broken = 1;
    lines.add("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[".getBytes(StandardCharsets.UTF_8));
    Path corpus = Path.of(System.getProperty("conversa.corpus", "../shared/webhook-corpus"));
    boolean withCorpus = Files.isDirectory(corpus);
    if (withCorpus) {
      List<String> bodies = WebhookLogs.corpusBodies(corpus);
      assertEquals(94, bodies.size(), "the corpus holds 94 payloads");
      bodies.forEach(body -> lines.add(WebhookLogs.utf8(body)));
      broken++;
    }
    WebhookLogs.write(dir.resolve("logs/corpus.jsonl"), lines);

    String lake = dir.resolve("lake").toString();
    CliRun run = CliRun.of("ingest", "--input", dir.resolve("logs").toString(), "--lake", lake,
        "--key-file", TestKeys.keyFile(dir, "k1").toString(), "--master", "local[2]");
    assertEquals(0, run.exitCode(), run.all());
    IngestIT.Summary summary = IngestIT.Summary.parse(run.out());
    assertEquals(lines.size(), summary.lines());
    assertEquals(lines.size(), summary.stored() + summary.duplicates() + summary.quarantined());
    Lake theLake = new Lake(SharedSpark.session(), lake);
    assertEquals(summary.stored(), theLake.read(TableSchemas.WEBHOOK_EVENTS).count());
    assertEquals(broken, theLake.read(TableSchemas.QUARANTINE).count(), "only the deliberately broken bodies" + (withCorpus ? " (with the corpus)" : "") + ": " + run.out());
    assertEquals(List.of(), theLake.read(TableSchemas.QUARANTINE).filter("reason NOT IN ('not_json', 'truncated_json')").collectAsList(),
        "broken bodies are quarantined as broken JSON");
    for (String field : List.of("messages", "calls", "automatic_events", "user_preferences", "smb_message_echoes", "message_template_status_update")) {
      assertTrue(theLake.read(TableSchemas.WEBHOOK_EVENTS).filter("array_contains(fields, '" + field + "')").count() > 0, field + " in bronze");
    }
  }
}

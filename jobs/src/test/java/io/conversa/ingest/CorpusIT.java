package io.conversa.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.conversa.lake.Lake;
import io.conversa.schema.TableSchemas;
import io.conversa.testing.CliRun;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import io.conversa.testing.WebhookLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 94 public example payloads of ../shared/webhook-corpus (several API versions, one file
 * deliberately broken) as one log, one line a payload: each lands in bronze or quarantine.
 */
class CorpusIT {

  @TempDir Path dir;

  @Test
  void everyCorpusPayloadLandsInBronzeOrQuarantine() throws IOException {
    Path corpus = Path.of(System.getProperty("conversa.corpus", "../shared/webhook-corpus"));
    assumeTrue(Files.isDirectory(corpus), "no webhook corpus at " + corpus.toAbsolutePath());
    List<byte[]> lines = new ArrayList<>();
    WebhookLogs.corpusBodies(corpus).forEach(body -> lines.add(WebhookLogs.utf8(body)));
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

package io.conversa.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.lake.Lake;
import io.conversa.schema.TableSchemas;
import io.conversa.testing.CliRun;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import io.conversa.testing.WebhookLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files as log rotation and crashes leave them: cut-off gzip, empty, odd names. None stops a run. */
class DamagedFilesIT {
  @TempDir Path dir;

  @Test
  void cutOffGzipEmptyFilesAndGlobCharactersAreAccountedForWithoutFailingTheRun() throws IOException {
    List<String> bodies = WebhookLogs.everyTypeBodies();
    Path logs = dir.resolve("logs");
    List<byte[]> lines = new ArrayList<>();
    for (String body : bodies) {
      lines.add(WebhookLogs.utf8(body));
    }
    WebhookLogs.write(logs.resolve("rotated[1].jsonl"), lines.subList(0, 10));
    Files.write(logs.resolve("empty.jsonl.gz"), new byte[0]);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      for (byte[] line : lines) {
        out.write(line);
        out.write('\n');
      }
    }
    byte[] whole = gz.toByteArray();
    Files.write(logs.resolve("crashed.jsonl.gz"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));

    String lake = dir.resolve("lake").toString();
    CliRun run = CliRun.of("ingest", "--input", logs.toString(), "--lake", lake, "--key-file", TestKeys.keyFile(dir, "k1").toString(), "--master", "local[2]");
    assertEquals(0, run.exitCode(), run.all());
    IngestIT.Summary summary = IngestIT.Summary.parse(run.out());
    assertTrue(run.out().contains("2 of 2 files new"), "the empty file is not listed: " + run.out());
    assertEquals(summary.lines(), summary.stored() + summary.duplicates() + summary.quarantined(), run.out());
    Lake theLake = new Lake(SharedSpark.session(), lake);
    Dataset<Row> quarantine = theLake.read(TableSchemas.QUARANTINE);
    assertEquals(1, quarantine.filter("reason = 'truncated_file' and source_file like '%crashed.jsonl.gz'").count(), run.out());
    Dataset<Row> bronze = theLake.read(TableSchemas.WEBHOOK_EVENTS);
    Row rotated = theLake.read(TableSchemas.INGESTED_FILES).filter("path like '%rotated[1].jsonl'").first();
    assertEquals(10L, rotated.<Long>getAs("lines"), "a file name with glob characters is read as it is");
    assertTrue(bronze.filter("source_file like '%crashed.jsonl.gz'").count() >= 1, "the lines before the cut are kept");
  }

  @Test
  void aFileThatGrewBesideAStaleChecksumIsReadAsItIsNow() throws IOException {
    List<String> bodies = WebhookLogs.everyTypeBodies();
    Path logs = dir.resolve("growing");
    Files.createDirectories(logs);
    Path log = logs.resolve("app.jsonl");
    // Written through Hadoop's local file system, as `conversa generate` writes: a .crc beside it.
    org.apache.hadoop.fs.FileSystem local = org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
    try (var out = local.create(new org.apache.hadoop.fs.Path(log.toUri()), true)) {
      for (String body : bodies.subList(0, 5)) {
        out.write(WebhookLogs.utf8(body + "\n"));
      }
    }
    assertTrue(Files.exists(logs.resolve(".app.jsonl.crc")), "the checksum sidecar the test is about");
    String lake = dir.resolve("lake-growing").toString();
    String key = TestKeys.keyFile(dir, "k1").toString();
    CliRun first = CliRun.of("ingest", "--input", logs.toString(), "--lake", lake, "--key-file", key, "--master", "local[2]");
    assertEquals(0, first.exitCode(), first.all());
    try (var out = Files.newOutputStream(log, java.nio.file.StandardOpenOption.APPEND)) {
      for (String body : bodies.subList(5, 10)) {
        out.write(WebhookLogs.utf8(body + "\n"));
      }
    }
    CliRun second = CliRun.of("ingest", "--input", logs.toString(), "--lake", lake, "--key-file", key, "--master", "local[2]");
    assertEquals(0, second.exitCode(), second.all());
    Lake theLake = new Lake(SharedSpark.session(), lake);
    assertEquals(0, theLake.read(TableSchemas.QUARANTINE).count(), "nothing blamed on a cut-off stream: " + second.out());
    assertEquals(10, theLake.read(TableSchemas.WEBHOOK_EVENTS).count(), "the appended bodies land, the first five once");
    IngestIT.Summary summary = IngestIT.Summary.parse(second.out());
    assertEquals(5, summary.stored(), second.out());
    assertEquals(5, summary.duplicates(), second.out());
  }

  @Test
  void aLogRenamedByRotationIsNotReadAgainAndItsBadLineIsRecordedOnce() throws IOException {
    Path logs = dir.resolve("rotating");
    List<String> bodies = WebhookLogs.everyTypeBodies();
    WebhookLogs.write(logs.resolve("webhook.jsonl"), List.of(WebhookLogs.utf8(bodies.get(0)), WebhookLogs.utf8("{\"cut off"), WebhookLogs.utf8(bodies.get(1))));
    String lake = dir.resolve("lake-rotating").toString();
    String key = TestKeys.keyFile(dir, "k-rotating").toString();
    CliRun first = CliRun.of("ingest", "--input", logs.toString(), "--lake", lake, "--key-file", key, "--master", "local[2]");
    assertEquals(0, first.exitCode(), first.all());
    // logrotate renames the file it rotates; the name changes, the bytes and the modification time do not.
    Files.move(logs.resolve("webhook.jsonl"), logs.resolve("webhook.jsonl.1"));
    CliRun second = CliRun.of("ingest", "--input", logs.toString(), "--lake", lake, "--key-file", key, "--master", "local[2]");
    assertEquals(0, second.exitCode(), second.all());
    assertTrue(second.err().contains("1 files are ones already ingested under another name"), second.err());
    Lake theLake = new Lake(SharedSpark.session(), lake);
    assertEquals(1, theLake.read(TableSchemas.QUARANTINE).count(), "the bad line is recorded once");
    assertEquals(2, theLake.read(TableSchemas.WEBHOOK_EVENTS).count());
    assertEquals(1, theLake.read(TableSchemas.INGESTED_FILES).filter("head_sha256 is not null").count());
  }
}

package io.conversa.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.ingest.IngestJob;
import io.conversa.ingest.IngestResult;
import io.conversa.ingest.IngestSettings;
import io.conversa.lake.Lake;
import io.conversa.privacy.KeyRing;
import io.conversa.schema.TableSchemas;
import io.conversa.sql.ResultFormat;
import io.conversa.sql.ResultPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generates sample logs, ingests them into ./lake and prints what landed.",
      "Needs no key or configuration: it makes a demo key and app secret under --dir."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;

  @Option(names = "--dir", defaultValue = "demo", paramLabel = "DIR", description = "Folder for the demo's logs, key and app secret (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--lake", defaultValue = "lake", paramLabel = "DIR", description = "Lake root (default: ${DEFAULT-VALUE}).")
  String lake;

  @Option(names = "--events", defaultValue = "60000", paramLabel = "N", description = "Log lines to generate (default: ${DEFAULT-VALUE}).")
  long events;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    long started = System.nanoTime();
    SparkSession session = spark.session("demo");
    Path keyFile = dir.resolve("conversa-demo.key");
    if (!Files.exists(keyFile)) {
      KeygenCommand.write(keyFile, KeyRing.generateText("demo"));
    }
    Path secretFile = dir.resolve("app-secret");
    byte[] secret = GenerateCommand.readOrCreateSecret(secretFile);
    Path logs = dir.resolve("logs");
    if (isEmpty(logs)) {
      console.progress("demo: generating " + events + " webhook log lines into " + logs);
      LogGenerator.Result generated =
          LogGenerator.generate(session, GeneratorSettings.defaults(events, secret), logs.toAbsolutePath().toString());
      console.progress("demo: " + generated.lines() + " lines in " + generated.files() + " files");
    }
    IngestResult ingested =
        new IngestJob(session, console::progress)
            .run(new IngestSettings(logs.toAbsolutePath().toString(), lake, KeyRing.read(keyFile), secret, false, IngestSettings.DEFAULT_MAX_LINE_BYTES));
    console.progress(ingested.summary());
    Lake theLake = new Lake(session, lake);
    var perClient =
        theLake.read(TableSchemas.WEBHOOK_EVENTS)
            .groupBy(col("waba_id"))
            .agg(
                count("*").as("bodies"),
                sum(when(col("signature").equalTo("valid"), 1).otherwise(0)).as("signed_valid"),
                sum(when(col("line_format").equalTo("raw"), 1).otherwise(0)).as("raw_lines"),
                org.apache.spark.sql.functions.min("event_date").as("first_day"),
                org.apache.spark.sql.functions.max("event_date").as("last_day"))
            .orderBy("waba_id");
    new ResultPrinter(console.out(), 100).print(perClient, ResultFormat.TABLE);
    console.result(String.format(java.util.Locale.ROOT,
        "demo: lake %s holds %,d events and %,d quarantined lines; try: bin/conversa sql --lake %s -e \"select * from bronze.quarantine limit 5\" (%.1f s)",
        lake, theLake.read(TableSchemas.WEBHOOK_EVENTS).count(), theLake.read(TableSchemas.QUARANTINE).count(), lake,
        (System.nanoTime() - started) / 1e9));
    return 0;
  }

  private static boolean isEmpty(Path folder) {
    if (!Files.isDirectory(folder)) {
      return true;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.noneMatch(p -> p.getFileName().toString().startsWith("webhook-log-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

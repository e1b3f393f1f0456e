package io.conversa.cli;

import io.conversa.aggregate.AggregateSettings;
import io.conversa.aggregate.ClientDirectory;
import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.ingest.IngestSettings;
import io.conversa.lake.Lake;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.schema.TableSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
      "Generates sample logs of three businesses, runs every stage into ./lake and prints each client's",
      "campaign funnel. Needs no key or configuration: it makes a demo key, app secret and clients",
      "configuration under --dir."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;

  @Option(names = "--dir", defaultValue = "demo", paramLabel = "DIR", description = "Folder for the demo's logs, key, app secret and clients configuration (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--lake", defaultValue = "lake", paramLabel = "DIR", description = "Lake root (default: ${DEFAULT-VALUE}).")
  String lake;

  @Option(names = "--events", defaultValue = "60000", paramLabel = "N", description = "Log lines to generate (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--min-group-size", defaultValue = "11", paramLabel = "K", description = "Suppress gold rows from fewer than K users (default: ${DEFAULT-VALUE}).")
  int minGroupSize;

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
    GeneratorSettings generator = GeneratorSettings.defaults(events, secret);
    Path clientsFile = dir.resolve("clients.json");
    GenerateCommand.writeClients(clientsFile, generator);
    Path logs = dir.resolve("logs");
    if (isEmpty(logs)) {
      console.progress("demo: generating " + events + " webhook log lines into " + logs);
      LogGenerator.Result generated = LogGenerator.generate(session, generator, logs.toAbsolutePath().toString());
      console.progress("demo: " + generated.lines() + " lines in " + generated.files() + " files");
    }
    KeyRing keys = KeyRing.read(keyFile);
    ClientDirectory clients = ClientDirectory.read(clientsFile);
    Pipeline.run(
        session,
        console,
        new IngestSettings(logs.toAbsolutePath().toString(), lake, keys, secret, false, IngestSettings.DEFAULT_MAX_LINE_BYTES),
        new AggregateSettings(lake, minGroupSize, AggregateSettings.DEFAULT_REPLY_WINDOW, AggregateSettings.DEFAULT_ATTRIBUTION_WINDOW,
            clients, null, false),
        new Pseudonymizer(keys.primary()));
    Lake theLake = new Lake(session, lake);
    new FunnelTable(console.out(), clients).print(theLake.read(TableSchemas.CAMPAIGN_FUNNEL));
    console.result(String.format(Locale.ROOT,
        "demo: lake %s holds %,d events, %,d quarantined lines and the gold funnels above; explore with"
            + " bin/conversa sql --lake %s (notebooks in notebooks/) (%.1f s)",
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

package io.conversa.cli;

import io.conversa.common.Errors;
import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.privacy.FileNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes synthetic webhook logs that look like real businesses'.",
      "Clients, phone numbers, campaigns, statuses (duplicated and out of order), replies, clicks,",
      "orders, ad referrals, every message type, junk lines, raw and signed-envelope lines, plain",
      "and gzip. Seeded: same flags, same bytes."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (any Hadoop URI).")
  String out;

  @Option(names = "--business-out", paramLabel = "DIR", description = "Also write what the businesses record themselves of their Pix checkouts: DIR/send-log/ (for --send-log) and DIR/payments/ (a payment provider's export, for --payments). Outside --out.")
  String businessOut;

  @Option(names = "--events", defaultValue = "100000", paramLabel = "N", description = "Log lines to write (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--clients", defaultValue = "3", description = "Businesses (WABAs) (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--phones-per-client", defaultValue = "2", description = "Phone numbers per client (default: ${DEFAULT-VALUE}).")
  int phones;

  @Option(names = "--users-per-client", defaultValue = "4000", description = "Distinct users per client (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--campaigns-per-client", defaultValue = "4", description = "Campaigns per client (default: ${DEFAULT-VALUE}).")
  int campaigns;

  @Option(names = "--start", defaultValue = "2026-11-09", paramLabel = "DATE", description = "First day of activity, UTC (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(names = "--days", defaultValue = "14", description = "Days of activity (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--files", paramLabel = "N", description = "Files to write (default: one per 50,000 lines, 2 to 400).")
  Integer files;

  @Option(names = "--malformed-rate", defaultValue = "0.01", description = "Share of junk lines (default: ${DEFAULT-VALUE}).")
  double malformedRate;

  @Option(names = "--duplicate-rate", defaultValue = "0.03", description = "Share of bodies Meta retries (default: ${DEFAULT-VALUE}).")
  double duplicateRate;

  @Option(names = "--out-of-order-rate", defaultValue = "0.15", description = "Share of lifecycles whose last status arrives first (default: ${DEFAULT-VALUE}).")
  double outOfOrderRate;

  @Option(names = "--forged-rate", defaultValue = "0.002", description = "Share of envelopes with a forged signature (default: ${DEFAULT-VALUE}).")
  double forgedRate;

  @Option(names = "--envelope-share", defaultValue = "0.7", description = "Share of lines wrapped in a signed envelope (default: ${DEFAULT-VALUE}).")
  double envelopeShare;

  @Option(names = "--gzip-share", defaultValue = "0.5", description = "Share of files gzipped (default: ${DEFAULT-VALUE}).")
  double gzipShare;

  @Option(names = "--app-secret-file", paramLabel = "FILE", description = "App secret that signs the envelopes; created with a random secret if missing (default: <out>/_generator/app-secret).")
  Path appSecretFile;

  @Override
  public Integer call() {
    validate();
    SparkSession session = spark.session("generate");
    Path secretFile = appSecretFile != null ? appSecretFile : defaultSecretFile();
    byte[] secret = readOrCreateSecret(secretFile);
    int fileCount = files != null ? files : GeneratorSettings.defaultFiles(events);
    GeneratorSettings settings =
        new GeneratorSettings(
            events, clients, phones, users, campaigns, start, days, seed, fileCount, malformedRate,
            duplicateRate, outOfOrderRate, forgedRate, envelopeShare, gzipShare, secret);
    Console console = new Console(spec);
    console.progress(String.format(java.util.Locale.ROOT, "generate: writing %,d lines in %d files to %s", events, fileCount, out));
    long started = System.nanoTime();
    LogGenerator.Result result = LogGenerator.generate(session, settings, out, businessOut);
    Path clientsFile = secretFile.resolveSibling("clients.json");
    writeClients(clientsFile, settings);
    console.result(String.format(java.util.Locale.ROOT,
        "generate: %,d lines in %d files (%,d junk, %,d retries, %,d forged) to %s; app secret in %s; clients config in %s; %.1f s",
        result.lines(), result.files(), result.junk(), result.retries(), result.forged(), out, secretFile, clientsFile,
        (System.nanoTime() - started) / 1e9));
    if (businessOut != null) {
      console.result("generate: send log in " + businessOut + "/send-log, Pix payments in " + businessOut
          + "/payments (aggregate --send-log " + businessOut + "/send-log --payments " + businessOut + "/payments)");
    }
    return 0;
  }

  /** The synthetic businesses as a clients configuration (--config of aggregate and run). */
  static void writeClients(Path file, GeneratorSettings settings) {
    try {
      io.conversa.common.OwnerOnlyFiles.writeString(file, io.conversa.generate.SampleClients.configJson(settings));
    } catch (java.io.IOException e) {
      throw Errors.runFailed("cannot write the clients configuration " + FileNames.shown(file) + ".", "check that the folder is writable.", e);
    }
  }

  private void validate() {
    if (businessOut != null && (businessOut.equals(out) || businessOut.startsWith(out.endsWith("/") ? out : out + "/"))) {
      throw Errors.usage("--business-out is inside --out: ingest would read the send log and payments as webhook logs.",
          "pass a folder beside the logs, such as the --out folder's name with -business after it.");
    }
    if (events < 1) {
      throw Errors.usage("--events takes a whole number of at least 1.", "pass --events N with N >= 1.");
    }
    if (clients < 1 || phones < 1 || users < 1 || campaigns < 1 || days < 1) {
      throw Errors.usage("--clients, --phones-per-client, --users-per-client, --campaigns-per-client and --days must be at least 1.", "pass positive numbers.");
    }
    if (files != null && (files < 1 || files > events)) {
      throw Errors.usage("--files takes a whole number between 1 and --events.", "pass --files between 1 and --events.");
    }
    double[] rates = {malformedRate, duplicateRate, outOfOrderRate, forgedRate, envelopeShare, gzipShare};
    for (double rate : rates) {
      if (rate < 0 || rate > 1) {
        throw Errors.usage("a rate or share is outside 0..1.", "pass rates and shares between 0 and 1, e.g. --malformed-rate 0.01.");
      }
    }
  }

  static byte[] readOrCreateSecret(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        KeygenCommand.write(file, HexFormat.of().formatHex(random) + "\n");
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.unreadableFile("app secret file", file.toString(), e);
    }
  }

  /** Beside the logs, in a folder ingest skips (its name starts with an underscore). */
  private Path defaultSecretFile() {
    String scheme = new org.apache.hadoop.fs.Path(out).toUri().getScheme();
    if (scheme != null && !scheme.equals("file")) {
      throw Errors.usage("--app-secret-file is needed when --out is not a local folder.", "pass --app-secret-file FILE.");
    }
    return Path.of(new org.apache.hadoop.fs.Path(out).toUri().getPath(), "_generator", "app-secret");
  }
}

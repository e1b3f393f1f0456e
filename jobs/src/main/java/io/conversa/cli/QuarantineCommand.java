package io.conversa.cli;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;

import io.conversa.common.Errors;
import io.conversa.ingest.QuarantineRecovery;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchemas;
import io.conversa.sql.ResultFormat;
import io.conversa.sql.ResultPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "quarantine",
    mixinStandardHelpOptions = true,
    description = {
      "Shows why lines were quarantined; with --decrypt, recovers them into a file.",
      "Decrypting needs the key the lines were sealed with.",
      "Fix the lines, put them in a new log file, and ingest it: each body is still stored once."
    })
final class QuarantineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;
  @Mixin KeyOptions keys;

  @Mixin LakeOption lakeOption;

  @Option(names = "--decrypt", description = "Decrypt the quarantined lines into --out (needs the key).")
  boolean decrypt;

  @Option(names = "--reason", paramLabel = "REASON", description = "Only lines quarantined for this reason, e.g. not_json.")
  String reason;

  @Option(names = "--out", paramLabel = "FILE", description = "With --decrypt: the file to write (never overwritten).")
  Path out;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    SparkSession session = spark.session("quarantine");
    Lake theLake = new Lake(session, lakeOption.root);
    if (!theLake.exists(TableSchemas.QUARANTINE)) {
      throw Errors.usage("lake " + lakeOption.root + " has no bronze.quarantine table.", "run `conversa ingest` first, or check --lake.");
    }
    if (decrypt) {
      if (out == null) {
        throw Errors.usage("--decrypt needs --out FILE.", "recovered lines may hold identifiers, so they go to a file, never to the terminal.");
      }
      long lines = QuarantineRecovery.decryptTo(theLake, keys.keysOf(session, lakeOption.root), reason, out);
      console.result("quarantine: decrypted " + lines + " lines into " + out + " (it may hold identifiers: delete it when done)");
      return 0;
    }
    var byReason =
        theLake.read(TableSchemas.QUARANTINE)
            .groupBy("reason", "detail")
            .agg(count("*").as("lines"), countDistinct("source_file").as("files"), sum("line_bytes").as("bytes"))
            .orderBy(org.apache.spark.sql.functions.col("lines").desc());
    long rows = new ResultPrinter(console.out(), 1000).print(byReason, ResultFormat.TABLE);
    console.result("quarantine: " + rows + " distinct reasons in " + lakeOption.root);
    return 0;
  }
}

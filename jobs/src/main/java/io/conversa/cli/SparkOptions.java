package io.conversa.cli;

import io.conversa.lake.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** {@code --master}: local mode by default; under spark-submit the cluster's master stands. */
final class SparkOptions {
  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master for a local run (default: local[*]; under spark-submit the cluster's).")
  String master;

  SparkSession session(String command) {
    return SparkSessions.getOrCreate("conversa " + command, effectiveMaster());
  }

  private String effectiveMaster() {
    if (master != null) {
      return master;
    }
    return System.getProperty("spark.master") == null ? "local[*]" : null;
  }
}

package io.conversa.cli;

import io.conversa.lake.Lake;
import io.conversa.lake.LakeFolder;
import io.conversa.lake.LakeFormat;
import io.conversa.lake.LakeLease;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** {@code --wait}, and the lease every command that writes a lake holds while it runs (one writer at a time). */
final class LeaseOption {
  @Option(names = "--wait", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "How long to wait for another command writing the same lake before exiting 1, e.g. 30s, 2h (default: ${DEFAULT-VALUE}).")
  Duration wait;

  /**
   * Refuses a --lake that cannot be a lake (exit 2), takes its lease, then brings an older lake to
   * this version's format (or refuses a newer one, exit 2).
   */
  LakeLease acquire(SparkSession session, String lakeRoot, String command, Console console) {
    Configuration hadoop = session.sparkContext().hadoopConfiguration();
    String root = new Lake(session, lakeRoot).root();
    LakeFolder.requireUsable(hadoop, root);
    LakeLease lease = LakeLease.acquire(hadoop, root, command, wait, console::progress);
    try {
      LakeFormat.bringUpToDate(session, root, console::progress, io.conversa.aggregate.GoldTables.lakeTables());
      return lease;
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }
}

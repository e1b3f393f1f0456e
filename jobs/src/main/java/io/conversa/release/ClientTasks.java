package io.conversa.release;

import java.util.function.Function;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.types.StructType;

/**
 * Per-client work (a release, an audit) as Spark tasks: cells and atoms grouped by client (their
 * first column), each client's groups given to one function. A client's work is seconds to
 * minutes of solving on a few kilobytes of input, so adaptive execution, which sizes tasks by
 * bytes, put every client in one task (the demo's three clients released one after another).
 * Here the shuffle has four partitions a client and is not coalesced: few clients share a task,
 * and the cores take them in parallel.
 */
public final class ClientTasks {
  private ClientTasks() {}

  /**
   * Runs {@code action} on the per-client output while the shuffle is sized for clients; the
   * session's settings are restored after it.
   */
  public static <T> T run(Dataset<Row> cells, Dataset<Row> atoms, CoGroupFunction<String, Row, Row, Row> perClient, StructType schema,
      Function<Dataset<Row>, T> action) {
    RuntimeConfig conf = cells.sparkSession().conf();
    String partitions = conf.get("spark.sql.shuffle.partitions");
    String coalesce = conf.get("spark.sql.adaptive.coalescePartitions.enabled", "true");
    long clients = cells.select(cells.columns()[0]).distinct().count();
    conf.set("spark.sql.shuffle.partitions", Long.toString(Math.max(1, Math.min(4 * clients, 4_000))));
    conf.set("spark.sql.adaptive.coalescePartitions.enabled", "false");
    try {
      return action.apply(cells.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
          .cogroup(atoms.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING()), perClient, Encoders.row(schema)));
    } finally {
      conf.set("spark.sql.shuffle.partitions", partitions);
      conf.set("spark.sql.adaptive.coalescePartitions.enabled", coalesce);
    }
  }
}

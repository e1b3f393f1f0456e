package io.conversa.lake;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Row;
import scala.collection.Map;

/** Reads what Delta records with each commit (version, rows written). */
public final class DeltaMetrics {
  private DeltaMetrics() {}

  /** A metric of the table's last commit when it was {@code operation} (MERGE, WRITE, ...), else 0. */
  public static long lastOperationMetric(DeltaTable table, String operation, String metric) {
    Row last = table.history(1).select("operation", "operationMetrics").first();
    if (!operation.equals(last.getString(0))) {
      return 0;
    }
    Map<String, String> metrics = last.getMap(1);
    return metrics.get(metric).isDefined() ? Long.parseLong(metrics.get(metric).get()) : 0;
  }

  public static long currentVersion(DeltaTable table) {
    return table.history(1).select("version").first().getLong(0);
  }

  /**
   * Rows that WRITE commits after {@code version} added. An idempotent write that Delta skipped
   * made no commit, so it counts zero.
   */
  public static long rowsWrittenSince(DeltaTable table, long version) {
    long rows = 0;
    for (Row commit :
        table.history().filter(col("version").gt(version).and(col("operation").equalTo("WRITE")))
            .select("operationMetrics").collectAsList()) {
      Map<String, String> metrics = commit.getMap(0);
      if (metrics.get("numOutputRows").isDefined()) {
        rows += Long.parseLong(metrics.get("numOutputRows").get());
      }
    }
    return rows;
  }
}

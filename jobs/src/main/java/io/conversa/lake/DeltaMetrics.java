package io.conversa.lake;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import scala.Option;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * Reads what Delta records with each commit (version, rows written) from the log on the driver.
 * {@code DeltaTable.history()} answers the same through a Spark job per call.
 */
public final class DeltaMetrics {
  private DeltaMetrics() {}

  /** A metric of the table's last commit when it was {@code operation} (MERGE, WRITE, ...), else 0. */
  public static long lastOperationMetric(DeltaTable table, String operation, String metric) {
    DeltaLog log = table.deltaLog();
    long version = latest(log);
    CommitInfo commit = version < 0 ? null : commitInfo(log, version, version);
    return commit != null && operation.equals(commit.operation()) ? metric(commit, metric) : 0;
  }

  public static long currentVersion(DeltaTable table) {
    return latest(table.deltaLog());
  }

  /**
   * Rows that WRITE commits after {@code version} added. An idempotent write that Delta skipped
   * made no commit, so it counts zero.
   */
  public static long rowsWrittenSince(DeltaTable table, long version) {
    DeltaLog log = table.deltaLog();
    long last = latest(log);
    long rows = 0;
    for (long v = version + 1; v <= last; v++) {
      CommitInfo commit = commitInfo(log, v, v);
      if (commit != null && "WRITE".equals(commit.operation())) {
        rows += metric(commit, "numOutputRows");
      }
    }
    return rows;
  }

  private static long latest(DeltaLog log) {
    return log.update(false, Option.empty(), Option.empty()).version();
  }

  private static CommitInfo commitInfo(DeltaLog log, long from, long to) {
    Iterator<Tuple2<Object, scala.collection.Seq<Action>>> changes = log.getChanges(from, to, false);
    while (changes.hasNext()) {
      scala.collection.Iterator<Action> actions = changes.next()._2().iterator();
      while (actions.hasNext()) {
        if (actions.next() instanceof CommitInfo info) {
          return info;
        }
      }
    }
    return null;
  }

  private static long metric(CommitInfo commit, String metric) {
    if (commit.operationMetrics().isEmpty()) {
      return 0;
    }
    Option<String> value = commit.operationMetrics().get().get(metric);
    return value.isDefined() ? Long.parseLong(value.get()) : 0;
  }
}

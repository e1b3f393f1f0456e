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
    java.util.List<CommitInfo> last = commits(log, version, version);
    return !last.isEmpty() && operation.equals(last.get(0).operation()) ? metric(last.get(0), metric) : 0;
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
    long rows = 0;
    for (CommitInfo commit : commits(log, version + 1, latest(log))) {
      if ("WRITE".equals(commit.operation())) {
        rows += metric(commit, "numOutputRows");
      }
    }
    return rows;
  }

  private static long latest(DeltaLog log) {
    return log.update(false, Option.empty(), Option.empty()).version();
  }

  /** The commit information of each version from {@code from} to {@code to}, read from the log's files in one pass. */
  private static java.util.List<CommitInfo> commits(DeltaLog log, long from, long to) {
    java.util.List<CommitInfo> commits = new java.util.ArrayList<>();
    if (from < 0 || from > to) {
      return commits;
    }
    Iterator<Tuple2<Object, scala.collection.Seq<Action>>> changes = log.getChanges(from, to, false);
    while (changes.hasNext()) {
      scala.collection.Iterator<Action> actions = changes.next()._2().iterator();
      while (actions.hasNext()) {
        if (actions.next() instanceof CommitInfo info) {
          commits.add(info);
          break;
        }
      }
    }
    return commits;
  }

  private static long metric(CommitInfo commit, String metric) {
    if (commit.operationMetrics().isEmpty()) {
      return 0;
    }
    Option<String> value = commit.operationMetrics().get().get(metric);
    return value.isDefined() ? Long.parseLong(value.get()) : 0;
  }
}

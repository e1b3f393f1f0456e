package io.conversa.erase;

import io.conversa.lake.DeltaMetrics;
import io.conversa.schema.TableSchema;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.SparkSession;

/**
 * Makes a table's earlier versions unreadable: rows deleted through deletion vectors are
 * rewritten out of their files (REORG ... APPLY (PURGE)), then VACUUM removes every file the
 * current version does not use. Delta refuses a retention under 7 days unless told otherwise;
 * that is said in a session of this purge's own, so no other command of the process ever
 * vacuums with it.
 *
 * <p>VACUUM LITE finds the files to delete in the Delta log instead of listing the table (4-15 s
 * a table against 48-74 s on a small lake); where the log no longer reaches back to every removed
 * file, the full VACUUM runs.
 */
final class VersionPurge {
  private final SparkSession session;

  VersionPurge(SparkSession spark) {
    this.session = spark.newSession();
    this.session.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
  }

  /** Answers the version before which nothing can be read any more. */
  long purge(TableSchema table, String path) {
    String quoted = io.conversa.lake.Lake.sqlName(path);
    if ("true".equals(table.properties().get("delta.enableDeletionVectors"))) {
      session.sql("REORG TABLE " + quoted + " APPLY (PURGE)");
    }
    // Delta prints what VACUUM deleted on the console; the command's standard output is its receipt.
    scala.Console$.MODULE$.withOut(System.err, () -> {
      try {
        session.sql("VACUUM " + quoted + " LITE RETAIN 0 HOURS").collectAsList();
      } catch (RuntimeException logTooShort) {
        DeltaTable.forPath(session, path).vacuum(0.0);
      }
      return null;
    });
    return DeltaMetrics.currentVersion(DeltaTable.forPath(session, path));
  }
}

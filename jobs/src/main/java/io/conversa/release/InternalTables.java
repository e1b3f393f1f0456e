package io.conversa.release;

import io.conversa.lake.Lake;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Delta tables conversa keeps beside gold for its own audit: replaced by period, in one commit each. */
final class InternalTables {
  private InternalTables() {}

  /** A full write when {@code replaceWhere} is null; otherwise only when the table exists (it is whole). */
  static void replace(Lake lake, String path, Dataset<Row> rows, String replaceWhere) {
    if (replaceWhere == null) {
      rows.coalesce(1).write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(path);
    } else if (io.delta.tables.DeltaTable.isDeltaTable(lake.spark(), path)) {
      rows.filter(org.apache.spark.sql.functions.expr(replaceWhere)).coalesce(1).write().format("delta").mode("overwrite")
          .option("replaceWhere", replaceWhere).save(path);
    }
  }
}

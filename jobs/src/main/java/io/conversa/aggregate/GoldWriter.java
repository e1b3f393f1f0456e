package io.conversa.aggregate;

import io.conversa.lake.DeltaMetrics;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Replaces the periods a run recomputed in a gold table in one Delta commit
 * ({@code replaceWhere}): readers see the old rows or the new ones, never a mix, and a rerun
 * writes the same rows again.
 */
final class GoldWriter {
  private final Lake lake;
  private final RecomputePlan plan;

  GoldWriter(Lake lake, RecomputePlan plan) {
    this.lake = lake;
    this.plan = plan;
  }

  /** Writes the released rows of the periods the plan replaces; answers the rows written. */
  long replace(TableSchema table, Dataset<Row> released) {
    lake.table(table);
    Column[] columns = Arrays.stream(table.columnNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Dataset<Row> rows = released.select(columns).coalesce(1);
    String replaceWhere = plan.replaceWhere();
    if (replaceWhere != null) {
      rows = rows.filter(org.apache.spark.sql.functions.expr(replaceWhere));
    }
    DataFrameWriter<Row> writer = rows.write().format("delta").mode("overwrite");
    if (replaceWhere != null) {
      writer = writer.option("replaceWhere", replaceWhere);
    }
    writer.save(lake.path(table));
    // Delta's commit says how many rows it wrote: counting them again would compute them again.
    return DeltaMetrics.lastOperationMetric(lake.table(table), "WRITE", "numOutputRows");
  }
}

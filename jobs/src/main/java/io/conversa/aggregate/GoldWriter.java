package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;

import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Replaces a range of dates in a gold table in one Delta commit ({@code replaceWhere}): readers
 * see the old rows or the new ones, never a mix, and a rerun writes the same rows again.
 */
final class GoldWriter {
  private final Lake lake;
  private final LocalDate first;
  private final LocalDate last;
  private long suppressed;

  GoldWriter(Lake lake, LocalDate first, LocalDate last) {
    this.lake = lake;
    this.first = first;
    this.last = last;
  }

  /** Answers the rows written. */
  long replace(TableSchema table, String dateColumn, Dataset<Row> rows) {
    lake.table(table);
    Column[] columns = Arrays.stream(table.columnNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    // Inputs reach past the range (sessions look a day back), so rows can too; only the range is replaced.
    Dataset<Row> ordered = rows.filter(col(dateColumn).between(java.sql.Date.valueOf(first), java.sql.Date.valueOf(last)))
        .select(columns).coalesce(1).persist();
    try {
      ordered.write().format("delta").mode("overwrite")
          .option("replaceWhere", dateColumn + " BETWEEN DATE'" + first + "' AND DATE'" + last + "'")
          .save(lake.path(table));
      Row counts = ordered.agg(org.apache.spark.sql.functions.count("*"),
          org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(col("suppressed"), 1L).otherwise(0L))).first();
      suppressed += counts.isNullAt(1) ? 0 : counts.getLong(1);
      return counts.getLong(0);
    } finally {
      ordered.unpersist();
    }
  }

  long suppressedRows() {
    return suppressed;
  }
}

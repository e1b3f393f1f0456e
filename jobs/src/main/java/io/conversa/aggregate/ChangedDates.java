package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;

import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The dates silver rows changed on between two table versions, from Delta's change data feed:
 * what an incremental aggregate must recompute, without reading silver's history.
 */
final class ChangedDates {
  private ChangedDates() {}

  /** [first, last] of the changed rows' dates, or null when nothing changed. */
  static LocalDate[] between(Lake lake, TableSchema table, String dateColumn, long fromVersionExclusive, long toVersion) {
    if (toVersion <= fromVersionExclusive) {
      return null;
    }
    return bounds(changes(lake, table, fromVersionExclusive, toVersion).select(to_date(col(dateColumn)).as("d")));
  }

  /**
   * [first, last] of the dates of rows that were inserted or deleted, or updated in one of the
   * {@code signature} columns (before or after the update), or null when none was: the changes
   * that reach beyond their own row, apart from updates of other columns.
   */
  static LocalDate[] reshapedBetween(
      Lake lake, TableSchema table, String keyColumn, String dateColumn, Column[] signature, long fromVersionExclusive, long toVersion) {
    if (toVersion <= fromVersionExclusive) {
      return null;
    }
    Dataset<Row> changes = changes(lake, table, fromVersionExclusive, toVersion).withColumn("_d", to_date(col(dateColumn)));
    Dataset<Row> insertedOrDeleted = changes.filter(col("_change_type").isin("insert", "delete")).select(col("_d").as("d"));
    // An update shows as a pre- and a post-image of the same key in the same commit.
    Dataset<Row> reshapedUpdates =
        changes.filter(col("_change_type").startsWith("update_"))
            .groupBy(col(keyColumn), col("_commit_version"))
            .agg(countDistinct(struct(signature)).as("_signatures"), min("_d").as("_first"), max("_d").as("_last"))
            .filter(col("_signatures").gt(1).or(col("_first").notEqual(col("_last"))));
    return bounds(insertedOrDeleted
        .unionByName(reshapedUpdates.select(col("_first").as("d")))
        .unionByName(reshapedUpdates.select(col("_last").as("d"))));
  }

  /** [first, last] over every row of a table, or null when it is empty. */
  static LocalDate[] all(Lake lake, TableSchema table, String dateColumn) {
    return bounds(lake.read(table).select(to_date(col(dateColumn)).as("d")));
  }

  static LocalDate[] union(LocalDate[] a, LocalDate[] b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return new LocalDate[] {a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]};
  }

  /** [first - daysBefore, last + daysAfter], or null for null. */
  static LocalDate[] widen(LocalDate[] range, long daysBefore, long daysAfter) {
    return range == null ? null : new LocalDate[] {range[0].minusDays(daysBefore), range[1].plusDays(daysAfter)};
  }

  private static Dataset<Row> changes(Lake lake, TableSchema table, long fromVersionExclusive, long toVersion) {
    return lake.spark().read().format("delta")
        .option("readChangeFeed", "true")
        .option("startingVersion", fromVersionExclusive + 1)
        .option("endingVersion", toVersion)
        .load(lake.path(table));
  }

  private static LocalDate[] bounds(Dataset<Row> dates) {
    Row bounds = dates.agg(min("d"), max("d")).first();
    if (bounds.isNullAt(0)) {
      return null;
    }
    return new LocalDate[] {bounds.getDate(0).toLocalDate(), bounds.getDate(1).toLocalDate()};
  }
}

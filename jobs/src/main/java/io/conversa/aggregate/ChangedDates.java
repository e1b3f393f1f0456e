package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;

import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import java.time.LocalDate;
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
    Row bounds =
        lake.spark().read().format("delta")
            .option("readChangeFeed", "true")
            .option("startingVersion", fromVersionExclusive + 1)
            .option("endingVersion", toVersion)
            .load(lake.path(table))
            .select(to_date(col(dateColumn)).as("d"))
            .agg(min("d"), max("d"))
            .first();
    if (bounds.isNullAt(0)) {
      return null;
    }
    return new LocalDate[] {bounds.getDate(0).toLocalDate(), bounds.getDate(1).toLocalDate()};
  }

  /** [first, last] over every row of a table, or null when it is empty. */
  static LocalDate[] all(Lake lake, TableSchema table, String dateColumn) {
    Row bounds = lake.read(table).select(to_date(col(dateColumn)).as("d")).agg(min("d"), max("d")).first();
    if (bounds.isNullAt(0)) {
      return null;
    }
    return new LocalDate[] {bounds.getDate(0).toLocalDate(), bounds.getDate(1).toLocalDate()};
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
}

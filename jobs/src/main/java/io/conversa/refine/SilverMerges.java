package io.conversa.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes one batch of silver rows with Delta MERGE: a row already stored is not stored again, so
 * a batch run twice (a crash after some merges) leaves the tables as one run does. Each MERGE
 * names the partitions its batch can touch, so it reads those and not the history; where those
 * hold nothing yet (a first load, a backfill), the batch is appended instead.
 */
final class SilverMerges {
  /** Retries of one status reach the endpoint for up to 7 days (webhook reference, section 5). */
  static final int STATUS_RETRY_DAYS = 7;
  /** Undelivered messages expire after 30 days; a status later than that cannot arrive. */
  static final int LIFECYCLE_DAYS = 40;

  private final Lake lake;

  SilverMerges(Lake lake) {
    this.lake = lake;
  }

  /** Answers rows inserted; a copy of a stored message from an earlier body changes nothing. */
  long messages(Dataset<Row> messages) {
    DateRange dates = DateRange.of(messages, "event_date");
    if (dates == null) {
      return 0;
    }
    DeltaTable table = lake.table(TableSchemas.MESSAGES);
    if (holdsNothingWithin(table, dates.within("event_date", 0, 0))) {
      return append(table, TableSchemas.MESSAGES, messages);
    }
    table.as("t")
        .merge(messages.as("s"), dates.within("t.event_date", 0, 0) + " AND t.event_date = s.event_date AND t.message_key = s.message_key")
        .whenMatched("s.event_id < t.event_id").updateAll()
        .whenNotMatched().insertAll()
        .execute();
    return inserted(table);
  }

  /** A status stored once per key, at its earliest time: a later copy updates nothing. */
  long statuses(Dataset<Row> statuses) {
    DateRange dates = DateRange.of(statuses, "event_date");
    if (dates == null) {
      return 0;
    }
    DeltaTable table = lake.table(TableSchemas.STATUSES);
    if (holdsNothingWithin(table, dates.within("event_date", STATUS_RETRY_DAYS, STATUS_RETRY_DAYS))) {
      return append(table, TableSchemas.STATUSES, statuses);
    }
    table.as("t")
        .merge(statuses.as("s"), dates.within("t.event_date", STATUS_RETRY_DAYS, STATUS_RETRY_DAYS) + " AND t.status_key = s.status_key")
        .whenMatched("s.status_at < t.status_at OR (s.status_at = t.status_at AND s.event_id < t.event_id)").updateAll()
        .whenNotMatched().insertAll()
        .execute();
    return inserted(table);
  }

  /** Answers messages whose lifecycle is new or changed. */
  long outbound(Dataset<Row> lifecycles) {
    DateRange dates = DateRange.of(lifecycles, "first_status_at");
    if (dates == null) {
      return 0;
    }
    Map<String, String> insert = new LinkedHashMap<>();
    insert.put("message_id", "s.message_id");
    OutboundLifecycles.combine().keySet().forEach(c -> insert.put(c, "s." + c));
    DeltaTable table = lake.table(TableSchemas.OUTBOUND_MESSAGES);
    if (holdsNothingWithin(table, dates.within("send_date", LIFECYCLE_DAYS, LIFECYCLE_DAYS))) {
      return append(table, TableSchemas.OUTBOUND_MESSAGES, lifecycles);
    }
    table.as("t")
        .merge(lifecycles.as("s"), dates.within("t.send_date", LIFECYCLE_DAYS, LIFECYCLE_DAYS) + " AND t.message_id = s.message_id")
        .whenMatched().updateExpr(OutboundLifecycles.combine())
        .whenNotMatched().insertExpr(insert)
        .execute();
    Map<String, String> metrics = lastMetrics(table);
    return Long.parseLong(metrics.getOrDefault("numTargetRowsInserted", "0"))
        + Long.parseLong(metrics.getOrDefault("numTargetRowsUpdated", "0"));
  }

  long conversions(Dataset<Row> conversions) {
    DateRange dates = DateRange.of(conversions, "event_date");
    if (dates == null) {
      return 0;
    }
    DeltaTable table = lake.table(TableSchemas.CONVERSIONS);
    if (holdsNothingWithin(table, dates.within("event_date", 0, 0))) {
      return append(table, TableSchemas.CONVERSIONS, conversions);
    }
    table.as("t")
        .merge(conversions.as("s"), dates.within("t.event_date", 0, 0) + " AND t.conversion_id = s.conversion_id")
        .whenMatched("s.event_id < t.event_id").updateAll()
        .whenNotMatched().insertAll()
        .execute();
    return inserted(table);
  }

  /** A link stored once per business-scoped id: the earliest seen wins. */
  long userLinks(Dataset<Row> links) {
    DeltaTable table = lake.table(TableSchemas.USER_LINKS);
    if (holdsNothingWithin(table, "true")) {
      return append(table, TableSchemas.USER_LINKS, links);
    }
    table.as("t")
        .merge(links.as("s"), "t.bsuid_user_id = s.bsuid_user_id")
        .whenMatched("s.first_seen_at < t.first_seen_at OR (s.first_seen_at = t.first_seen_at AND s.phone_user_id < t.phone_user_id)")
        .updateAll()
        .whenNotMatched().insertAll()
        .execute();
    return inserted(table);
  }

  /**
   * True when no stored row lies where the MERGE would look for matches: then every row of the
   * batch (one per key already) is new, and an append writes the same rows without the MERGE's
   * join. A batch replayed after a crash finds its own rows there and merges.
   */
  private static boolean holdsNothingWithin(DeltaTable table, String where) {
    return table.toDF().filter(where).isEmpty();
  }

  /**
   * Answers the rows appended. One file per date, as a MERGE writes them: unsorted, every task
   * would write a file for each date it holds, and auto compaction rewrite them all. Columns the
   * table generates (dates, status) it computes itself.
   */
  private long append(DeltaTable table, TableSchema schema, Dataset<Row> rows) {
    Column[] partitions = schema.partitionedBy().stream().map(p -> partitionValue(schema, p, rows)).toArray(Column[]::new);
    (partitions.length == 0 ? rows : rows.repartition(partitions))
        .write().format("delta").mode("append").save(lake.path(schema));
    return Long.parseLong(lastMetrics(table).getOrDefault("numOutputRows", "0"));
  }

  /** A partition column of the rows, or, when the table generates it, its expression over them. */
  private static Column partitionValue(TableSchema schema, String partition, Dataset<Row> rows) {
    if (Arrays.asList(rows.columns()).contains(partition)) {
      return col(partition);
    }
    return expr(schema.schema().apply(partition).metadata().getString(TableSchemas.GENERATED_AS));
  }

  private static long inserted(DeltaTable table) {
    return Long.parseLong(lastMetrics(table).getOrDefault("numTargetRowsInserted", "0"));
  }

  /** The metrics of the latest MERGE or append: auto compaction may have committed after it. */
  private static Map<String, String> lastMetrics(DeltaTable table) {
    for (Row commit : table.history(3).select("operation", "operationMetrics").collectAsList()) {
      if ("MERGE".equals(commit.getString(0)) || "WRITE".equals(commit.getString(0))) {
        return commit.<String, String>getJavaMap(1);
      }
    }
    return Map.of();
  }

  /** The dates a batch spans, to bound what a MERGE reads of its target. */
  record DateRange(LocalDate first, LocalDate last) {
    static DateRange of(Dataset<Row> rows, String column) {
      Row bounds = rows.agg(min(col(column).cast("date")), max(col(column).cast("date"))).first();
      if (bounds.isNullAt(0)) {
        return null;
      }
      return new DateRange(bounds.getDate(0).toLocalDate(), bounds.getDate(1).toLocalDate());
    }

    String within(String column, int daysBefore, int daysAfter) {
      return column + " BETWEEN DATE'" + first.minusDays(daysBefore) + "' AND DATE'" + last.plusDays(daysAfter) + "'";
    }
  }
}

package io.conversa.ingest;

import static org.apache.spark.sql.functions.col;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Encoders;

/**
 * Keeps one row per event_id. {@code dropDuplicates} would aggregate whole rows, which Spark can
 * only do by sorting them (the payload is not a fixed-width buffer); hashing rows to the
 * partition of their event_id and remembering the ids seen costs one shuffle and no sort.
 * Which copy survives is the first read; every copy carries the same payload.
 */
final class DistinctEvents {
  private DistinctEvents() {}

  static Dataset<Row> of(Dataset<Row> events, int partitions) {
    int idColumn = events.schema().fieldIndex("event_id");
    return events
        .repartition(partitions, col("event_id"))
        .mapPartitions(
            (MapPartitionsFunction<Row, Row>) rows -> new FirstPerId(rows, idColumn),
            Encoders.row(events.schema()));
  }

  private static final class FirstPerId implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final int idColumn;
    private final Set<String> seen = new HashSet<>();
    private Row next;

    FirstPerId(Iterator<Row> rows, int idColumn) {
      this.rows = rows;
      this.idColumn = idColumn;
    }

    @Override
    public boolean hasNext() {
      while (next == null && rows.hasNext()) {
        Row candidate = rows.next();
        if (seen.add(candidate.getString(idColumn))) {
          next = candidate;
        }
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = next;
      next = null;
      return row;
    }
  }
}

package io.conversa.ingest;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The event ids bronze holds in the given event_date partitions. A retried body has the same
 * bytes, so the same event_date: only the partitions a batch touches can hold its duplicates,
 * and a run reads ids in proportion to its own dates, not to the history.
 */
final class BronzeIds {
  private BronzeIds() {}

  static Dataset<Row> inPartitions(Dataset<Row> bronze, Set<Date> eventDates) {
    List<Object> dates = new ArrayList<>(eventDates);
    boolean undated = dates.remove(null);
    Column inBatch = col("event_date").isin(dates.toArray());
    if (undated) {
      inBatch = inBatch.or(col("event_date").isNull());
    }
    return bronze.filter(inBatch).select("event_id");
  }
}

package io.conversa.ingest;

import static org.apache.spark.sql.functions.col;

import io.conversa.lake.Lake;
import io.conversa.schema.TableSchemas;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** bronze.ingested_files: which log files are in, so the next run reads only new ones. */
final class IngestLedger {
  private final Lake lake;

  IngestLedger(Lake lake) {
    this.lake = lake;
  }

  /** Files whose path, size and modification time the ledger does not hold yet. */
  List<LogFile> notYetIngested(List<LogFile> files) {
    Set<LogFile> done = new HashSet<>();
    for (Row row :
        lake.read(TableSchemas.INGESTED_FILES)
            .select(col("path"), col("size_bytes"), col("modified_at"))
            .distinct()
            .collectAsList()) {
      done.add(new LogFile(row.getString(0), row.getLong(1), row.getTimestamp(2).getTime()));
    }
    List<LogFile> fresh = new ArrayList<>();
    for (LogFile file : files) {
      if (!done.contains(file)) {
        fresh.add(file);
      }
    }
    return fresh;
  }

  /** One more than the last run recorded. */
  long nextRunSequence() {
    Row last = lake.read(TableSchemas.INGESTED_FILES).agg(org.apache.spark.sql.functions.max("run_sequence")).first();
    return last.isNullAt(0) ? 1 : last.getLong(0) + 1;
  }

  /** Appended last: a run killed before this re-reads its files, and bronze dedupes them. */
  /** {@code countsByFile}: events, quarantined lines and lines accepted unsigned, per file. */
  void record(List<LogFile> files, Map<String, long[]> countsByFile, long runSequence, Instant at, boolean appSecret) {
    List<Row> rows = new ArrayList<>();
    for (LogFile file : files) {
      long[] counts = countsByFile.getOrDefault(file.path(), new long[3]);
      rows.add(
          RowFactory.create(
              file.path(),
              file.sizeBytes(),
              new Timestamp(file.modifiedAtMillis()),
              counts[0] + counts[1],
              counts[0],
              counts[1],
              runSequence,
              Timestamp.from(at),
              counts[2],
              appSecret));
    }
    lake.table(TableSchemas.INGESTED_FILES);
    lake.spark()
        .createDataFrame(rows, TableSchemas.INGESTED_FILES.schema())
        .coalesce(1)
        .write()
        .format("delta")
        .mode("append")
        .save(lake.path(TableSchemas.INGESTED_FILES));
  }
}

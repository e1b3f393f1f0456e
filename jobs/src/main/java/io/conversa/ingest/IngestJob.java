package io.conversa.ingest;

import static org.apache.spark.sql.functions.col;

import io.conversa.lake.DeltaMetrics;
import io.conversa.lake.Lake;
import io.conversa.privacy.Key;
import io.conversa.privacy.LineCipher;
import io.conversa.privacy.PayloadScrubber;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.schema.TableSchemas;
import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Webhook log files to bronze, exactly once. Steps, each safe to repeat after a crash:
 *
 * <ol>
 *   <li>list the input and keep the files the ledger does not hold;
 *   <li>classify and scrub every line once (staged lines are persisted for the steps below);
 *   <li>insert-only MERGE of the distinct bodies into bronze.webhook_events on event_id, pruned
 *       to the event_date partitions of the batch: a body seen before is not stored twice;
 *   <li>insert-only MERGE of bad lines into bronze.quarantine on (source_file, source_offset);
 *   <li>append the files to the ledger, last.
 * </ol>
 *
 * See docs/ingest-exactly-once.md for why this shape and not a streaming checkpoint.
 */
public final class IngestJob {
  private final SparkSession spark;
  private final Consumer<String> progress;

  public IngestJob(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public IngestResult run(IngestSettings settings) {
    long started = System.nanoTime();
    Lake lake = new Lake(spark, settings.lake());
    IngestLedger ledger = new IngestLedger(lake);
    List<LogFile> listed = LogFiles.list(settings.input(), spark.sparkContext().hadoopConfiguration());
    List<LogFile> files = settings.reprocess() ? listed : ledger.notYetIngested(listed);
    if (files.isEmpty()) {
      lake.table(TableSchemas.WEBHOOK_EVENTS);
      lake.table(TableSchemas.QUARANTINE);
      return new IngestResult(listed.size(), 0, 0, 0, 0, 0, Map.of(), seconds(started));
    }
    long bytes = files.stream().mapToLong(LogFile::sizeBytes).sum();
    progress.accept(String.format(java.util.Locale.ROOT,
        "ingest: reading %d new files (%,d bytes) of %d listed (%.1f s)", files.size(), bytes, listed.size(), seconds(started)));

    Instant ingestedAt = Instant.now();
    Key key = settings.keys().primary();
    LineClassifier classifier =
        new LineClassifier(
            new PayloadScrubber(new Pseudonymizer(key)),
            new SignatureVerifier(settings.appSecret()),
            settings.maxLineBytes());
    Dataset<Row> staged =
        LogLineReader.stage(spark, files, new LineStager(classifier, new LineCipher(key), ingestedAt))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      spark.sparkContext().setJobDescription("conversa ingest: classify and scrub lines");
      LineCounts counts = LineCounts.of(staged);
      progress.accept(String.format(java.util.Locale.ROOT,
          "ingest: %,d lines classified, %,d quarantined; merging into %s (%.1f s)",
          counts.lines(), counts.quarantined(), TableSchemas.WEBHOOK_EVENTS.qualifiedName(), seconds(started)));
      long inserted = mergeEvents(lake, staged, counts.eventDates());
      progress.accept(String.format(java.util.Locale.ROOT,
          "ingest: %,d new events stored; recording quarantine and ledger (%.1f s)", inserted, seconds(started)));
      mergeQuarantine(lake, staged);
      ledger.record(files, counts.byFile(), UUID.randomUUID().toString(), ingestedAt);
      long events = counts.lines() - counts.quarantined();
      return new IngestResult(
          listed.size(),
          files.size(),
          counts.lines(),
          inserted,
          events - inserted,
          counts.quarantined(),
          counts.byReason(),
          seconds(started));
    } finally {
      staged.unpersist();
      spark.sparkContext().setJobDescription(null);
    }
  }

  private long mergeEvents(Lake lake, Dataset<Row> staged, Set<java.sql.Date> eventDates) {
    spark.sparkContext().setJobDescription("conversa ingest: merge bronze.webhook_events");
    Dataset<Row> events =
        staged
            .filter(col(StagedLines.KIND).equalTo(StagedLines.KIND_EVENT))
            .select(columns(TableSchemas.WEBHOOK_EVENTS.columnNames()));
    events = DistinctEvents.of(events, spark.sessionState().conf().numShufflePartitions());
    List<Object> dates = new ArrayList<>(eventDates);
    boolean undated = dates.remove(null);
    // Retries of a body share its event_date, so only the batch's partitions need searching.
    Column inBatchPartitions = col("t.event_date").isin(dates.toArray());
    if (undated) {
      inBatchPartitions = inBatchPartitions.or(col("t.event_date").isNull());
    }
    DeltaTable table = lake.table(TableSchemas.WEBHOOK_EVENTS);
    table
        .as("t")
        .merge(events.as("s"), inBatchPartitions.and(col("t.event_id").equalTo(col("s.event_id"))))
        .whenNotMatched()
        .insertAll()
        .execute();
    return DeltaMetrics.lastOperationMetric(table, "MERGE", "numTargetRowsInserted");
  }

  private void mergeQuarantine(Lake lake, Dataset<Row> staged) {
    spark.sparkContext().setJobDescription("conversa ingest: merge bronze.quarantine");
    Dataset<Row> quarantined =
        staged
            .filter(col(StagedLines.KIND).equalTo(StagedLines.KIND_QUARANTINED))
            .select(columns(TableSchemas.QUARANTINE.columnNames()));
    lake.table(TableSchemas.QUARANTINE)
        .as("t")
        .merge(
            quarantined.as("s"),
            col("t.source_file")
                .equalTo(col("s.source_file"))
                .and(col("t.source_offset").equalTo(col("s.source_offset"))))
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  private static Column[] columns(String[] names) {
    Column[] columns = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      columns[i] = col(names[i]);
    }
    return columns;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /** Lines per file and reason, and the event dates, from one small aggregation over the staged lines. */
  record LineCounts(
      long lines, long quarantined, Map<String, long[]> byFile, Map<String, Long> byReason, Set<java.sql.Date> eventDates) {
    static LineCounts of(Dataset<Row> staged) {
      long lines = 0;
      long quarantined = 0;
      Map<String, long[]> byFile = new HashMap<>();
      Map<String, Long> byReason = new TreeMap<>();
      Set<java.sql.Date> eventDates = new HashSet<>();
      for (Row row : staged.groupBy("source_file", StagedLines.KIND, "reason", "event_date").count().collectAsList()) {
        long n = row.getLong(4);
        boolean bad = StagedLines.KIND_QUARANTINED.equals(row.getString(1));
        lines += n;
        long[] perFile = byFile.computeIfAbsent(row.getString(0), f -> new long[2]);
        if (bad) {
          quarantined += n;
          perFile[1] += n;
          byReason.merge(row.getString(2), n, Long::sum);
        } else {
          perFile[0] += n;
          eventDates.add(row.getDate(3));
        }
      }
      return new LineCounts(lines, quarantined, byFile, byReason, eventDates);
    }
  }
}

package io.conversa.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import io.conversa.lake.AdaptiveExecution;
import io.conversa.lake.CodeGeneration;
import io.conversa.lake.Compaction;
import io.conversa.lake.DeltaMetrics;
import io.conversa.lake.Lake;
import io.conversa.lake.PseudonymLinkTable;
import io.conversa.privacy.FileNames;
import io.conversa.privacy.LineCipher;
import io.conversa.privacy.PayloadScrubber;
import io.conversa.schema.TableSchemas;
import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 *   <li>append to bronze.webhook_events the bodies whose event_id is neither repeated earlier in
 *       the batch nor already in the event_date partitions the batch touches;
 *   <li>append to bronze.quarantine the bad lines not already there (file, offset, line hash);
 *   <li>append the files to the ledger, last.
 * </ol>
 *
 * See docs/ingest-exactly-once.md for why this shape and not a streaming checkpoint.
 */
public final class IngestJob {
  static final long BROADCAST_IDS = 2_000_000;
  /** Fewer new lines run interpreted: still faster at 100,000 ({@link CodeGeneration}). */
  private static final long COMPILE_FROM_LINES = 200_000;
  private final List<Dataset<Row>> unpersistAfterRun = new java.util.ArrayList<>();
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
    List<LogFile> listed = LogFiles.list(settings.input(), spark.sparkContext().hadoopConfiguration(), FileNames.keyedBy(settings.keys()));
    List<LogFile> renamed = new java.util.ArrayList<>();
    List<LogFile> files = settings.reprocess() ? listed : ledger.notYetIngested(listed, renamed);
    if (!renamed.isEmpty()) {
      progress.accept(String.format(java.util.Locale.ROOT,
          "ingest: %d files are ones already ingested under another name (same size, modification time and first 64 KiB: log rotation); skipped",
          renamed.size()));
    }
    if (files.isEmpty()) {
      lake.table(TableSchemas.WEBHOOK_EVENTS);
      lake.table(TableSchemas.QUARANTINE);
      return new IngestResult(listed.size(), 0, 0, 0, 0, 0, Map.of(), 0, new LineVerdict.ScrubCounts(0, 0, 0), seconds(started));
    }
    long bytes = files.stream().mapToLong(LogFile::sizeBytes).sum();
    long expectedLines = estimatedLines(files);
    CodeGeneration.fitTo(spark, expectedLines, COMPILE_FROM_LINES);
    AdaptiveExecution.fitTo(spark, expectedLines);
    progress.accept(String.format(java.util.Locale.ROOT,
        "ingest: reading %d new files (%,d bytes) of %d listed (%.1f s)", files.size(), bytes, listed.size(), seconds(started)));

    Instant ingestedAt = Instant.now();
    LineClassifier classifier =
        new LineClassifier(
            new PayloadScrubber(PseudonymLinkTable.pseudonymizer(lake, settings.keys())),
            new SignatureVerifier(settings.appSecret(), settings.acceptUnsigned()),
            settings.maxLineBytes());
    Dataset<Row> staged =
        LogLineReader.stage(spark, files, new LineStager(classifier, new LineCipher(settings.keys()), ingestedAt, files))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      spark.sparkContext().setJobDescription("conversa ingest: classify and scrub lines");
      LineCounts counts = LineCounts.of(staged);
      progress.accept(String.format(java.util.Locale.ROOT,
          "ingest: %,d lines classified, %,d quarantined; appending new bodies to %s (%.1f s)",
          counts.lines(), counts.quarantined(), TableSchemas.WEBHOOK_EVENTS.qualifiedName(), seconds(started)));
      long runSequence = ledger.nextRunSequence();
      long inserted = appendNewEvents(lake, staged, counts.eventDates(), counts.spreadOverDates(files.size()));
      progress.accept(String.format(java.util.Locale.ROOT,
          "ingest: %,d new events stored; recording quarantine and ledger (%.1f s)", inserted, seconds(started)));
      if (settings.keys().keys().size() > 1) {
        // Before the ledger: a crash here re-reads the files, and their links with them.
        long links = PseudonymLinkTable.append(lake, staged, io.conversa.erase.ErasureLedger.erasedPseudonyms(lake), ingestedAt);
        progress.accept(String.format(java.util.Locale.ROOT,
            "ingest: key rotation under way (%d keys held): %,d new pseudonyms linked to the ones people already had", settings.keys().keys().size(), links));
      }
      appendQuarantine(lake, staged);
      ledger.record(files, counts.byFile(), runSequence, ingestedAt, settings.appSecret() != null);
      Compaction.ofFragmented(spark, lake, TableSchemas.ofLayer("bronze"));
      long events = counts.lines() - counts.quarantined();
      return new IngestResult(
          listed.size(),
          files.size(),
          counts.lines(),
          inserted,
          events - inserted,
          counts.quarantined(),
          counts.byReason(),
          counts.acceptedUnsigned(),
          counts.scrub(),
          seconds(started));
    } finally {
      unpersistAfterRun.forEach(Dataset::unpersist);
      unpersistAfterRun.clear();
      staged.unpersist();
      spark.sparkContext().setJobDescription(null);
    }
  }

  /**
   * Appends the bodies bronze does not hold yet. Only event ids are shuffled, never payloads:
   * the few ids seen twice in the batch, and the few already in bronze (Meta's retries of
   * earlier days, or a re-run after a crash), are found by aggregating and joining ids, then
   * broadcast to filter the staged rows in place (see {@link #smallSideOfJoin}).
   */
  private long appendNewEvents(Lake lake, Dataset<Row> staged, Set<java.sql.Date> eventDates, boolean spreadOverDates) {
    spark.sparkContext().setJobDescription("conversa ingest: append new bodies to bronze.webhook_events");
    DeltaTable table = lake.table(TableSchemas.WEBHOOK_EVENTS);
    Dataset<Row> events = staged.filter(col(StagedLines.KIND).equalTo(StagedLines.KIND_EVENT));
    Dataset<Row> ids = events.select(col("event_id"), col(StagedLines.LINE_KEY));
    Dataset<Row> repeated =
        ids.groupBy("event_id")
            .agg(count("*").as("copies"), min(StagedLines.LINE_KEY).as("kept_line"))
            .filter(col("copies").gt(1))
            .select("event_id", "kept_line");
    Dataset<Row> known =
        ids.select("event_id")
            .join(BronzeIds.inPartitions(table.toDF(), eventDates), "event_id")
            .distinct();
    known = smallSideOfJoin(known);
    repeated = smallSideOfJoin(repeated);
    Dataset<Row> fresh =
        events
            .join(known, events.col("event_id").equalTo(known.col("event_id")), "left_anti")
            .join(repeated, "event_id", "left")
            .filter(col("kept_line").isNull().or(col("kept_line").equalTo(col(StagedLines.LINE_KEY))))
            .select(columns(TableSchemas.WEBHOOK_EVENTS.columnNames()));
    // Bodies of people erased earlier (a log read for the first time, --reprocess) lose their parts.
    fresh = io.conversa.erase.ErasureLedger.withoutErasedPeople(lake, fresh);
    if (spreadOverDates) {
      // Files that each span many dates would write a file per split and date: regroup by
      // contiguous date ranges, balanced by volume. Rotated logs (a day or an hour a file) skip
      // this shuffle of the payloads.
      fresh = fresh.repartitionByRange(col("event_date"));
    }
    long before = DeltaMetrics.currentVersion(table);
    fresh.write()
        .format("delta")
        .mode("append")
        .save(lake.path(TableSchemas.WEBHOOK_EVENTS));
    return DeltaMetrics.rowsWrittenSince(table, before);
  }

  /**
   * Id sets are usually a few percent of a batch: computed once, and broadcast when they fit
   * in {@value #BROADCAST_IDS} ids, so the staged payloads are filtered where they are. Left to
   * Spark, adaptive execution would only switch to a broadcast after shuffling the payloads. A
   * --reprocess of a large lake can make them big: then Spark picks the join.
   */
  private Dataset<Row> smallSideOfJoin(Dataset<Row> ids) {
    Dataset<Row> cached = ids.persist(StorageLevel.MEMORY_AND_DISK());
    unpersistAfterRun.add(cached);
    return cached.count() <= BROADCAST_IDS ? broadcast(cached) : cached;
  }

  /** Quarantined lines not already recorded (a re-run or --reprocess reads them again). */
  private void appendQuarantine(Lake lake, Dataset<Row> staged) {
    spark.sparkContext().setJobDescription("conversa ingest: append bronze.quarantine");
    Dataset<Row> quarantined =
        staged
            .filter(col(StagedLines.KIND).equalTo(StagedLines.KIND_QUARANTINED))
            .select(columns(TableSchemas.QUARANTINE.columnNames()));
    // A line an erase removed counts as recorded: ingesting the same log again must not bring it back.
    Dataset<Row> recorded = lake.read(TableSchemas.QUARANTINE).select("source_file", "source_offset", "line_sha256")
        .union(io.conversa.erase.ErasureLedger.erasedLines(lake));
    quarantined
        .join(recorded, quarantined.col("source_file").equalTo(recorded.col("source_file"))
            .and(quarantined.col("source_offset").equalTo(recorded.col("source_offset")))
            .and(quarantined.col("line_sha256").equalTo(recorded.col("line_sha256"))), "left_anti")
        .coalesce(1)
        .write()
        .format("delta")
        .mode("append")
        .save(lake.path(TableSchemas.QUARANTINE));
  }

  /** Lines of about 400 bytes, a gzip file holding about ten times its size. */
  private static long estimatedLines(List<LogFile> files) {
    return files.stream().mapToLong(f -> f.path().endsWith(".gz") ? f.sizeBytes() * 10 : f.sizeBytes()).sum() / 400;
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
      long lines,
      long quarantined,
      Map<String, long[]> byFile,
      Map<String, Long> byReason,
      Set<java.sql.Date> eventDates,
      long fileDatePairs,
      long acceptedUnsigned,
      LineVerdict.ScrubCounts scrub) {
    /** Whether the files' events spread over many dates each (more than 3 on average). */
    boolean spreadOverDates(int files) {
      return fileDatePairs > 3L * files;
    }

    static LineCounts of(Dataset<Row> staged) {
      long lines = 0;
      long quarantined = 0;
      Map<String, long[]> byFile = new HashMap<>();
      Map<String, Long> byReason = new TreeMap<>();
      Set<java.sql.Date> eventDates = new HashSet<>();
      long fileDatePairs = 0;
      long acceptedUnsigned = 0;
      long[] scrubbed = new long[3];
      for (Row row : staged.groupBy("source_file", StagedLines.KIND, "reason", "event_date", "signature")
          .agg(count(org.apache.spark.sql.functions.lit(1)), sum("redacted_values"), sum("dropped_values"), sum("incomplete_events"))
          .collectAsList()) {
        long n = row.getLong(5);
        for (int i = 0; i < scrubbed.length; i++) {
          scrubbed[i] += row.isNullAt(6 + i) ? 0 : row.getLong(6 + i);
        }
        boolean bad = StagedLines.KIND_QUARANTINED.equals(row.getString(1));
        lines += n;
        long[] perFile = byFile.computeIfAbsent(row.getString(0), f -> new long[3]);
        if (bad) {
          quarantined += n;
          perFile[1] += n;
          byReason.merge(row.getString(2), n, Long::sum);
        } else {
          perFile[0] += n;
          eventDates.add(row.getDate(3));
          fileDatePairs++;
          if (SignatureVerifier.ABSENT.equals(row.getString(4))) {
            acceptedUnsigned += n;
            perFile[2] += n;
          }
        }
      }
      return new LineCounts(lines, quarantined, byFile, byReason, eventDates, fileDatePairs, acceptedUnsigned,
          new LineVerdict.ScrubCounts(scrubbed[0], scrubbed[1], scrubbed[2]));
    }
  }
}

package io.conversa.maintain;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.conversa.aggregate.AggregateJob;
import io.conversa.common.Errors;
import io.conversa.lake.Lake;
import io.conversa.refine.RefineJob;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;

/**
 * Keeps a lake small and only as long as it should:
 *
 * <ol>
 *   <li>refine first, so no body leaves bronze before silver has it;
 *   <li>delete bronze bodies and quarantined lines past their retention (their deletion vectors
 *       purged, so the rows leave the files);
 *   <li>compact small files (Delta's OPTIMIZE leaves files of a good size alone);
 *   <li>VACUUM with the table's retention (Delta's default of 7 days unless
 *       {@code --change-feed-retention} says more), skipping a silver table whose changes gold
 *       has not read yet;
 *   <li>write a checkpoint of each log, so readers start from it instead of replaying commits.
 * </ol>
 */
public final class MaintainJob {
  private final SparkSession spark;
  private final Consumer<String> progress;

  public MaintainJob(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public MaintainResult run(MaintainSettings settings) {
    long started = System.nanoTime();
    Lake lake = new Lake(spark, settings.lake());
    if (!lake.exists(TableSchemas.WEBHOOK_EVENTS)) {
      throw Errors.usage("the lake " + lake.root() + " has no bronze.webhook_events table.", "run `conversa ingest` (or `conversa run`) first.");
    }
    List<TableSchema> tables = io.conversa.aggregate.GoldTables.lakeTables().stream().filter(lake::exists).toList();
    Map<String, TableFootprint> before = new LinkedHashMap<>();
    tables.forEach(t -> before.put(t.qualifiedName(), TableFootprint.of(spark, lake.path(t))));
    if (!settings.dryRun() && settings.bronzeRetention() != null) {
      progress.accept("maintain: refining what bronze holds beyond silver first");
      new RefineJob(spark, progress).run(lake.root());
    }
    long bronzeRows = expire(lake, TableSchemas.WEBHOOK_EVENTS, "event_date", settings.bronzeRetention(), settings.dryRun());
    long quarantineRows = expire(lake, TableSchemas.QUARANTINE, "ingest_date", settings.quarantineRetention(), settings.dryRun());
    progress.accept(String.format(Locale.ROOT, "maintain: %,d bronze bodies and %,d quarantined lines past their retention (%.1f s)",
        bronzeRows, quarantineRows, seconds(started)));
    Map<String, String> skipped = new LinkedHashMap<>();
    if (!settings.dryRun()) {
      for (TableSchema table : tables) {
        tidy(lake, table, settings, skipped);
        progress.accept(String.format(Locale.ROOT, "maintain: %s compacted, vacuumed, checkpointed (%.1f s)", table.qualifiedName(), seconds(started)));
      }
    }
    Map<String, TableFootprint[]> footprints = new LinkedHashMap<>();
    for (TableSchema table : tables) {
      TableFootprint after = settings.dryRun() ? before.get(table.qualifiedName()) : TableFootprint.of(spark, lake.path(table));
      footprints.put(table.qualifiedName(), new TableFootprint[] {before.get(table.qualifiedName()), after});
    }
    return new MaintainResult(settings.dryRun(), bronzeRows, quarantineRows, footprints, skipped, seconds(started));
  }

  /** Rows of {@code table} whose {@code dateColumn} is before now minus {@code retention}: counted, or deleted. */
  private long expire(Lake lake, TableSchema table, String dateColumn, Duration retention, boolean dryRun) {
    if (retention == null || !lake.exists(table)) {
      return 0;
    }
    Column expired = col(dateColumn).lt(lit(Date.valueOf(LocalDate.now(ZoneOffset.UTC).minusDays(retention.toDays()))));
    // Counted first: a delete of whole partitions reports no row count. Cheap, by partition or statistics.
    long deleted = lake.read(table).filter(expired).count();
    if (dryRun || deleted == 0) {
      return deleted;
    }
    lake.table(table).delete(expired);
    if ("true".equals(table.properties().get("delta.enableDeletionVectors"))) {
      spark.sql("REORG TABLE " + lake.sqlName(table) + " APPLY (PURGE)");
    }
    return deleted;
  }

  private void tidy(Lake lake, TableSchema table, MaintainSettings settings, Map<String, String> skipped) {
    String path = lake.path(table);
    boolean changeFeed = "true".equals(table.properties().get("delta.enableChangeDataFeed"));
    // Asked before this method's own commits (properties, compaction), which change no row gold reads.
    boolean goldHasRead = !changeFeed || AggregateJob.hasRead(spark, lake.root(), table);
    if (changeFeed && settings.changeFeedRetention() != null) {
      lake.setProperty(table, "delta.deletedFileRetentionDuration", "interval " + settings.changeFeedRetention().toDays() + " days");
    }
    DeltaTable.forPath(spark, path).optimize().executeCompaction();
    if (!goldHasRead) {
      skipped.put(table.qualifiedName(), "not vacuumed: gold has not read its latest changes (run `conversa aggregate`, then maintain)");
    } else {
      vacuum(path, settings.listStorage());
    }
    DeltaLog.forTable(spark, path).checkpoint();
  }

  /**
   * VACUUM LITE reads the removed files from the Delta log (seconds a table; the full VACUUM lists
   * the table's folder, 48 to 74 s a table on a small lake). Only the full one finds files no
   * commit names (left by a killed write): {@code listStorage}, or when the log no longer reaches
   * back far enough.
   */
  private void vacuum(String path, boolean listStorage) {
    // Delta prints what VACUUM deleted on the console; the command's standard output is its receipt.
    scala.Console$.MODULE$.withOut(System.err, () -> {
      if (!listStorage) {
        try {
          return spark.sql("VACUUM " + Lake.sqlName(path) + " LITE").collectAsList();
        } catch (RuntimeException logTooShort) {
          progress.accept("maintain: the log of " + path + " no longer names every removed file; listing its folder instead");
        }
      }
      return DeltaTable.forPath(spark, path).vacuum();
    });
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}

package io.conversa.lake;

import io.conversa.schema.TableSchema;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.VersionChecksum;
import scala.Option;

/**
 * Compacts the tables a stage wrote when their writes have left many small files, as Delta's
 * auto compaction would after each commit. The file count and size come from the commit's
 * checksum, so a table with nothing to compact costs a listing of its log, not a Spark job.
 */
public final class Compaction {
  /** Delta's own threshold for auto compaction ({@code autoCompact.minNumFiles}). */
  static final long MIN_FILES = 50;
  /** Files below this are what OPTIMIZE bins together (half its 1 GB target would be too coarse here). */
  static final long SMALL_FILE_BYTES = 64L << 20;

  private Compaction() {}

  /** Compacts each of {@code tables} that is fragmented; answers the names of those compacted. */
  public static List<String> ofFragmented(SparkSession spark, Lake lake, List<TableSchema> tables) {
    List<String> compacted = new ArrayList<>();
    for (TableSchema table : tables) {
      if (!lake.exists(table)) {
        continue;
      }
      String path = lake.path(table);
      Snapshot snapshot = DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty());
      if (fragmented(snapshot)) {
        DeltaTable.forPath(spark, path).optimize().executeCompaction();
        compacted.add(table.qualifiedName());
      }
    }
    return compacted;
  }

  static boolean fragmented(Snapshot snapshot) {
    // The checksum Delta writes beside each commit; Snapshot.numOfFilesIfKnown() computes the
    // whole state instead (a Spark job) once anything else has been asked of the snapshot.
    Option<VersionChecksum> checksum = snapshot.checksumOpt();
    if (checksum.isEmpty()) {
      // A log without checksums (written by another engine): asking would cost the job saved here.
      return false;
    }
    long files = checksum.get().numFiles();
    return files >= MIN_FILES && checksum.get().tableSizeBytes() / files < SMALL_FILE_BYTES;
  }
}

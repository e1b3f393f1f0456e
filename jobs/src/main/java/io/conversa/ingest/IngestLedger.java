package io.conversa.ingest;

import static org.apache.spark.sql.functions.col;

import io.conversa.lake.Lake;
import io.conversa.schema.TableSchemas;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** bronze.ingested_files: which log files are in, so the next run reads only new ones. */
final class IngestLedger {
  private static final int HEAD_BYTES = 64 * 1024;
  private final Lake lake;

  IngestLedger(Lake lake) {
    this.lake = lake;
  }

  /** Files whose stored name, size and modification time the ledger does not hold yet. */
  List<LogFile> notYetIngested(List<LogFile> files) {
    return notYetIngested(files, new ArrayList<>());
  }

  /**
   * The files the ledger does not hold. A file whose name is new but whose size, modification
   * time and first 64 KiB equal a recorded file's was renamed (log rotation): it is left out, and
   * added to {@code renamed}, so its quarantined lines are not recorded a second time.
   */
  List<LogFile> notYetIngested(List<LogFile> files, List<LogFile> renamed) {
    Set<String> done = new HashSet<>();
    Map<String, Set<String>> headsBySizeAndTime = new HashMap<>();
    for (Row row :
        lake.read(TableSchemas.INGESTED_FILES)
            .select(col("path"), col("size_bytes"), col("modified_at"), col("head_sha256"))
            .distinct()
            .collectAsList()) {
      LogFile file = new LogFile(null, row.getString(0), row.getLong(1), row.getTimestamp(2).getTime());
      done.add(file.identity());
      if (!row.isNullAt(3)) {
        headsBySizeAndTime.computeIfAbsent(sizeAndTime(file), k -> new HashSet<>()).add(row.getString(3));
      }
    }
    List<LogFile> fresh = new ArrayList<>();
    for (LogFile file : files) {
      if (done.contains(file.identity())) {
        continue;
      }
      Set<String> heads = headsBySizeAndTime.get(sizeAndTime(file));
      if (heads != null && heads.contains(headSha256(file))) {
        renamed.add(file);
      } else {
        fresh.add(file);
      }
    }
    return fresh;
  }

  private static String sizeAndTime(LogFile file) {
    return file.sizeBytes() + "@" + file.modifiedAtMillis();
  }

  /** SHA-256 of the file's first {@value #HEAD_BYTES} bytes as stored, read past a stale .crc. */
  String headSha256(LogFile file) {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(lake.spark().sparkContext().hadoopConfiguration());
    conf.set("fs.file.impl", UncheckedLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.path());
    try (java.io.InputStream in = path.getFileSystem(conf).open(path)) {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      byte[] head = in.readNBytes(HEAD_BYTES);
      return java.util.HexFormat.of().formatHex(sha.digest(head));
    } catch (java.io.IOException e) {
      return null; // unreadable now: it is read as a new file, and its lines say what is wrong
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
      long[] counts = countsByFile.getOrDefault(file.name(), new long[3]);
      rows.add(
          RowFactory.create(
              file.name(),
              file.sizeBytes(),
              new Timestamp(file.modifiedAtMillis()),
              counts[0] + counts[1],
              counts[0],
              counts[1],
              runSequence,
              Timestamp.from(at),
              counts[2],
              appSecret,
              headSha256(file)));
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

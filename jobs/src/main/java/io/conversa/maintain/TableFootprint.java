package io.conversa.maintain;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a table holds on storage: the data files its current version uses, every file under its
 * folder (older versions, change feed, deletion vectors) and its log files.
 */
public record TableFootprint(long currentFiles, long currentBytes, long storedFiles, long storedBytes, long logFiles) {
  static TableFootprint of(SparkSession spark, String path) {
    Row detail = DeltaTable.forPath(spark, path).detail().select("numFiles", "sizeInBytes").first();
    long storedFiles = 0;
    long storedBytes = 0;
    long logFiles = 0;
    try {
      Path root = new Path(path);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        FileStatus file = files.next();
        if (file.getPath().toString().contains("/_delta_log/")) {
          logFiles++;
        } else {
          storedFiles++;
          storedBytes += file.getLen();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + path, e);
    }
    return new TableFootprint(detail.getLong(0), detail.getLong(1), storedFiles, storedBytes, logFiles);
  }
}

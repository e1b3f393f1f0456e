package io.conversa.report;

import io.conversa.common.Errors;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes report files through Hadoop's file system, so that on a cluster {@code --out s3a://...}
 * lands in the bucket, not on the driver's disk. Files are owner-only, like everything conversa
 * writes. The file system is a private instance: turning its checksum files off (no
 * {@code .report.html.crc} beside each report) leaves the lake's as it was.
 */
final class ReportFiles {
  private final Configuration conf;

  ReportFiles(Configuration hadoop) {
    this.conf = new Configuration(hadoop);
    conf.set("fs.permissions.umask-mode", "077");
  }

  /** Each file of {@code files} (name to bytes) into {@code folder}, created if missing. */
  void write(Path folder, Map<String, byte[]> files) {
    try (FileSystem fs = FileSystem.newInstance(folder.toUri(), conf)) {
      fs.setWriteChecksum(false);
      fs.mkdirs(folder);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        try (FSDataOutputStream out = fs.create(new Path(folder, file.getKey()), true)) {
          out.write(file.getValue());
        }
      }
    } catch (IOException e) {
      throw Errors.runFailed("cannot write to " + folder + ": " + e.getClass().getSimpleName() + ".", "check that --out is a writable folder.", e);
    }
  }
}

package io.conversa.ingest;

import io.conversa.common.Errors;
import io.conversa.privacy.FileNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the log files under an input folder (any Hadoop file system: local, s3a, abfss, gs,
 * hdfs), recursively, skipping hidden and underscore files as Spark's own sources do.
 */
public final class LogFiles {
  private LogFiles() {}

  /** The files under {@code input}, each with its name as stored under {@code names}. */
  public static List<LogFile> list(String input, Configuration hadoop, FileNames names) {
    try {
      Path given = new Path(input);
      FileSystem fs = given.getFileSystem(hadoop);
      Path root = fs.makeQualified(given);
      if (!fs.exists(root)) {
        throw Errors.noInput(FileNames.shown(input));
      }
      List<LogFile> files = new ArrayList<>();
      FileStatus status = fs.getFileStatus(root);
      if (status.isFile()) {
        files.add(of(status, names));
      } else {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
          LocatedFileStatus file = it.next();
          // An empty file holds no line; a 0-byte .gz would fail the gzip reader.
          if (file.isFile() && file.getLen() > 0 && !isHidden(root, file.getPath())) {
            files.add(of(file, names));
          }
        }
      }
      files.sort(Comparator.comparing(LogFile::path));
      return files;
    } catch (IOException e) {
      throw Errors.unreadableFile("input", FileNames.shown(input), e);
    }
  }

  private static LogFile of(FileStatus status, FileNames names) {
    String path = status.getPath().toString();
    return new LogFile(path, names.stored(path), status.getLen(), status.getModificationTime());
  }

  private static boolean isHidden(Path root, Path file) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      String name = p.getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }
}

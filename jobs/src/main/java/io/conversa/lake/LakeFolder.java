package io.conversa.lake;

import io.conversa.common.Errors;
import io.conversa.privacy.FileNames;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Whether a {@code --lake} can be a lake: a folder that does not exist yet, an empty one, or one
 * conversa made. Checked before any work, so that a lake pointed at a file or at someone else's
 * folder fails at once, not after every line of the input was classified.
 */
public final class LakeFolder {
  /** What conversa creates at a lake's root. */
  private static final Set<String> LAKE_ENTRIES = Set.of("bronze", "silver", "gold", "_conversa");

  private LakeFolder() {}

  /**
   * Refuses a {@code root} that cannot be a lake, and makes one that exists owner-only (700):
   * a folder made beforehand by someone else's umask would let every user list the lake.
   */
  public static void requireUsable(Configuration hadoop, String root) {
    Path path = new Path(root);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      FileStatus status;
      try {
        status = fs.getFileStatus(path);
      } catch (FileNotFoundException absent) {
        return;
      }
      if (!status.isDirectory()) {
        throw Errors.usage("--lake " + FileNames.shown(root) + " is a file; a lake is a folder.",
            "give a new folder (conversa creates it) or the folder of an existing lake.");
      }
      String[] foreign = Arrays.stream(fs.listStatus(path))
          .map(entry -> entry.getPath().getName())
          .filter(name -> !name.startsWith(".") && !LAKE_ENTRIES.contains(name))
          .sorted()
          .toArray(String[]::new);
      boolean lakeLike = Arrays.stream(fs.listStatus(path)).anyMatch(entry -> LAKE_ENTRIES.contains(entry.getPath().getName()));
      if (!lakeLike && foreign.length > 0) {
        // Their names are not repeated: they are someone else's files.
        throw Errors.usage("--lake " + FileNames.shown(root) + " is a folder of other things (" + foreign.length + " entries), not a conversa lake.",
            "give a new or empty folder, or the root of an existing lake (it holds bronze/, silver/, gold/).");
      }
      ownerOnly(fs, path);
    } catch (IOException e) {
      throw new UncheckedIOException("checking --lake " + FileNames.shown(root), e);
    }
  }

  private static void ownerOnly(FileSystem fs, Path root) {
    if (!"file".equals(fs.getScheme())) {
      return; // object stores and HDFS keep their own access rules
    }
    try {
      fs.setPermission(root, new org.apache.hadoop.fs.permission.FsPermission((short) 0700));
    } catch (IOException notOwner) {
      // a lake folder of another user's: its files are still written owner-only
    }
  }
}

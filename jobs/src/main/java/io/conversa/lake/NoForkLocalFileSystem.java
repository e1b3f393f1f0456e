package io.conversa.lake;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file://}) without a forked process per call. Without
 * Hadoop's native library, which Spark's Maven jars do not carry, {@link RawLocalFileSystem}
 * sets every new file's permissions by running {@code chmod} and reads a path's link status
 * (every Delta commit's rename asks it) by running {@code readlink}: 720 processes forked by one
 * small {@code conversa run}. Java's own file API answers both in the process. Everything else is
 * Hadoop's, so files, checksums and renames behave as before.
 *
 * <p>It also makes every file and folder it creates owner-only, whatever the process's umask:
 * Hadoop creates checksum files and folders without a mode (so under the process's umask, 644
 * and 755 where that is 022), and everything else under {@code fs.permissions.umask-mode}, which
 * {@link SparkSessions} sets to 077.
 */
public class NoForkLocalFileSystem extends LocalFileSystem {
  /** What conversa never grants: any permission to the group or to others. */
  static final FsPermission OWNER_ONLY_UMASK = new FsPermission((short) 0077);

  public NoForkLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-less) file system beneath, shared with {@link NoForkLocalFs}. */
  public static class Raw extends RawLocalFileSystem {
    @Override
    protected java.io.OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission) throws IOException {
      boolean created = !append || !pathToFile(f).exists();
      return super.createOutputStreamWithMode(f, append, permission == null && created ? ownerOnly(FsPermission.getFileDefault()) : permission);
    }

    @Override
    public boolean mkdirs(Path f) throws IOException {
      return super.mkdirs(f, ownerOnly(FsPermission.getDirDefault()));
    }

    private FsPermission ownerOnly(FsPermission permission) {
      return permission.applyUMask(FsPermission.getUMask(getConf())).applyUMask(OWNER_ONLY_UMASK);
    }

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      File file = pathToFile(f);
      if (Files.isSymbolicLink(file.toPath())) {
        return super.getFileLinkStatus(f); // rare on a lake: Hadoop's own reading of the link
      }
      if (!Files.exists(file.toPath(), LinkOption.NOFOLLOW_LINKS)) {
        throw new java.io.FileNotFoundException("File " + f + " does not exist");
      }
      return getFileStatus(f);
    }

    static Set<PosixFilePermission> posix(FsPermission permission) {
      short mode = permission.toShort();
      PosixFilePermission[] bits = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
      };
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      for (int i = 0; i < bits.length; i++) {
        if ((mode & (1 << i)) != 0) {
          set.add(bits[i]);
        }
      }
      return set;
    }
  }
}

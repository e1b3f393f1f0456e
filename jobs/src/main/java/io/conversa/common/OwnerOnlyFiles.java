package io.conversa.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders conversa writes through Java's own file API (keys, configurations, leases,
 * benchmark files), owner-only whatever the process's umask: files 600, folders 700. Writes
 * through Hadoop's file system are made owner-only by {@code NoForkLocalFileSystem}.
 */
public final class OwnerOnlyFiles {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

  private OwnerOnlyFiles() {}

  /** Creates {@code folder} and every missing parent, each 700; existing ones are left as they are. */
  public static Path createDirectories(Path folder) throws IOException {
    Path absolute = folder.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return folder;
    }
    if (absolute.getParent() != null) {
      createDirectories(absolute.getParent());
    }
    try {
      Files.createDirectory(absolute, attribute(FOLDER));
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // another thread or process made it first
    }
    restrict(absolute, FOLDER);
    return folder;
  }

  /** Writes {@code text} to {@code file} (replacing it), mode 600, creating its folders 700. */
  public static void writeString(Path file, String text) throws IOException {
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      createDirectories(absolute.getParent());
    }
    if (!Files.exists(absolute)) {
      Files.createFile(absolute, attribute(FILE));
    }
    restrict(absolute, FILE);
    Files.writeString(absolute, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
  }

  /** Creates {@code file}, mode 600; fails if it exists. */
  public static Path createFile(Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      createDirectories(absolute.getParent());
    }
    Files.createFile(absolute, attribute(FILE));
    restrict(absolute, FILE);
    return file;
  }

  /** Takes group and others' permissions away from an existing file or folder. */
  public static void restrict(Path path) throws IOException {
    restrict(path, Files.isDirectory(path) ? FOLDER : FILE);
  }

  // The attribute at creation is still masked by the umask; setting the mode after is not.
  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, permissions);
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the folder's ACL protects what is in it there
    }
  }

  private static FileAttribute<?>[] attribute(Set<PosixFilePermission> permissions) {
    try {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    } catch (UnsupportedOperationException notPosix) {
      return new FileAttribute<?>[0];
    }
  }
}

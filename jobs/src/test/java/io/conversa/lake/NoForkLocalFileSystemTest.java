package io.conversa.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.testing.SharedSpark;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.AbstractFileSystem;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system of local runs: Hadoop's behaviour, without a forked process per call. */
class NoForkLocalFileSystemTest {
  @TempDir java.nio.file.Path dir;

  @Test
  void localRunsUseItForFilesAndForDeltasCommits() throws Exception {
    SparkSession spark = SharedSpark.session();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    assertInstanceOf(NoForkLocalFileSystem.class, new Path(dir.toUri()).getFileSystem(conf));
    assertInstanceOf(NoForkLocalFs.class, AbstractFileSystem.get(dir.toUri(), conf));
    String table = dir.resolve("table").toString();
    spark.range(5).write().format("delta").save(table);
    spark.range(5, 8).write().format("delta").mode("append").save(table);
    assertEquals(8, spark.read().format("delta").load(table).count());
    assertTrue(Files.exists(dir.resolve("table/_delta_log/00000000000000000001.json")), "the second commit's rename");
  }

  @Test
  void permissionsAndLinkStatusAreHadoopsWithoutAProcess() throws Exception {
    Configuration conf = SharedSpark.session().sparkContext().hadoopConfiguration();
    FileSystem fs = new Path(dir.toUri()).getFileSystem(conf);
    Path file = new Path(dir.resolve("report.csv").toUri());
    fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null).close();
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("report.csv"))),
        "conversa's sessions mask group and others out of every mode");
    fs.setPermission(file, new FsPermission((short) 0640));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("report.csv"))),
        "an explicit chmod is Hadoop's as before");
    // Checksums, folders and plain creates come without a mode: owner-only whatever the umask.
    fs.mkdirs(new Path(dir.resolve("a/b").toUri()));
    fs.create(new Path(dir.resolve("a/b/part.parquet").toUri())).close();
    for (String made : new String[] {"a", "a/b"}) {
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(made))), made);
    }
    for (String made : new String[] {"a/b/part.parquet", "a/b/.part.parquet.crc"}) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(made))), made);
    }
    assertFalse(fs.getFileLinkStatus(file).isSymlink());
    assertThrows(FileNotFoundException.class, () -> fs.getFileLinkStatus(new Path(dir.resolve("absent").toUri())));

    // A FileContext rename that must not overwrite: how Delta commits a version.
    FileContext context = FileContext.getFileContext(dir.toUri(), conf);
    Path other = new Path(dir.resolve("other.csv").toUri());
    fs.create(other).close();
    assertThrows(FileAlreadyExistsException.class, () -> context.rename(other, file, Options.Rename.NONE));
    context.rename(other, new Path(dir.resolve("moved.csv").toUri()), Options.Rename.NONE);
    assertTrue(Files.exists(dir.resolve("moved.csv")) && Files.notExists(dir.resolve("other.csv")));
  }
}

package io.conversa.ingest;

import static org.apache.spark.sql.functions.col;

import io.conversa.common.Errors;
import io.conversa.lake.Lake;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.LineCipher;
import io.conversa.schema.TableSchemas;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Decrypts quarantined lines for an operator who holds the key, into a file (never to the
 * console or a table: the lines may hold identifiers), in file and offset order.
 */
public final class QuarantineRecovery {
  private QuarantineRecovery() {}

  /** Writes the lines, one per line, to {@code out}; answers how many. */
  public static long decryptTo(Lake lake, KeyRing keys, String reasonOrNull, Path out) {
    Dataset<Row> lines = lake.read(TableSchemas.QUARANTINE);
    if (reasonOrNull != null) {
      lines = lines.filter(col("reason").equalTo(reasonOrNull));
    }
    Map<String, LineCipher> ciphers = new HashMap<>();
    long written = 0;
    try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(ownerOnly(out), java.nio.file.StandardOpenOption.WRITE))) {
      Iterator<Row> it =
          lines.orderBy("source_file", "source_offset").select("key_id", "line_encrypted", "source_file", "source_offset").toLocalIterator();
      while (it.hasNext()) {
        Row row = it.next();
        String keyId = row.getString(0);
        LineCipher cipher =
            ciphers.computeIfAbsent(
                keyId,
                id -> new LineCipher(keys.byId(id).orElseThrow(() -> Errors.usage(
                    "quarantined lines are sealed with key " + id + ", which the key ring does not hold.",
                    "add that key's line (from your key backup) below the primary key in the key file."))));
        stream.write(cipher.open((byte[]) row.get(1), row.getString(2), row.getLong(3)));
        stream.write('\n');
        written++;
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw Errors.usage(out + " exists already.", "choose another --out; recovered lines are never written over a file.");
    } catch (IOException e) {
      throw Errors.runFailed("cannot write " + out + ".", "check the folder exists and is writable.", e);
    } catch (GeneralSecurityException e) {
      throw Errors.usage("a quarantined line does not decrypt under its key id.", "the key file holds a different secret under that id, or the row was altered or moved: use the key the lines were ingested with.");
    }
    return written;
  }

  /** Creates the file readable by its owner only: recovered lines may hold identifiers. */
  private static Path ownerOnly(Path out) throws IOException {
    try {
      return Files.createFile(out, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      return Files.createFile(out); // Windows: the folder's ACL protects it there
    }
  }
}

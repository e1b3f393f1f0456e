package io.conversa.cli;

import io.conversa.common.Errors;
import io.conversa.privacy.KeyRing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a new random key for pseudonyms and quarantine encryption.",
      "To rotate, put the new key's line first in the existing file and keep the old lines."
    })
final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the key; never overwritten.")
  Path out;

  @Option(names = "--id", paramLabel = "ID", description = "Key id, the prefix of every pseudonym (default: k<yyyyMMdd>).")
  String id;

  @Override
  public Integer call() {
    // Unique per key, not per day: two keys of one day must never share an id (the lake tells keys by id).
    String keyId = id != null ? id : "k" + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE)
        + "-" + java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(2));
    write(out, KeyRing.generateText(keyId));
    new Console(spec).result("keygen: wrote key " + keyId + " to " + out + " (mode 600); keep it secret and backed up");
    return 0;
  }

  static void write(Path file, String text) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.createFile(file);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's ACL is what protects the key there.
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      throw Errors.usage("key file " + file + " exists already.", "choose another --out; conversa never overwrites a key.");
    } catch (IOException e) {
      throw Errors.runFailed("cannot write key file " + file + ".", "check the folder exists and is writable.", e);
    }
  }
}

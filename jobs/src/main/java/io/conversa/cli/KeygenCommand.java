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
      "",
      "Rotating a key: `keygen --rotate --out RING` puts a new key first in the ring RING and keeps the old ones.",
      "While a ring holds two keys, ingest makes each person's pseudonym under both and links them",
      "(_conversa/pseudonym_links): silver keeps the user_id a person already had. New quarantined lines",
      "are sealed with the new key. Run ingest with the rotated ring for as long as people take to come",
      "back (a campaign cycle, a month), then `keygen --retire OLD_ID --out RING` drops the old key.",
      "After that, a person not seen during the transition gets a new user_id under the new key: for",
      "figures they are a new person. A key that leaked is not rotated but replaced: rebuild the lake",
      "from the logs with a new key."
    })
final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where to write the key; never overwritten. With --rotate or --retire: the ring to change (rewritten atomically).")
  Path out;

  @Option(names = "--rotate", description = "Add a new primary key to the existing ring --out, keeping its keys.")
  boolean rotate;

  @Option(names = "--retire", paramLabel = "ID", description = "Drop the older key ID from the ring --out (never the primary, never the last key).")
  String retire;

  @Option(names = "--id", paramLabel = "ID", description = "Key id, the prefix of every pseudonym (default: k<yyyyMMdd>).")
  String id;

  @Override
  public Integer call() {
    if (rotate && retire != null) {
      throw Errors.usage("--rotate and --retire cannot be combined.", "rotate first; retire the old key once ingest has run with both.");
    }
    if (retire != null && id != null) {
      throw Errors.usage("--id names a new key; --retire makes none.", "drop --id.");
    }
    Console console = new Console(spec);
    if (retire != null) {
      KeyRing retired = KeyRing.read(out).withoutKey(retire, out.toString());
      replace(out, retired.text());
      console.result("keygen: retired key " + retire + " from " + out + "; pseudonyms are now made under "
          + retired.keys().get(retired.keys().size() - 1).id() + " and linked ones keep their user_id."
          + " People not seen while both keys were held get a new user_id from now on.");
      return 0;
    }
    // Unique per key, not per day: two keys of one day must never share an id (the lake tells keys by id).
    String keyId = id != null ? id : "k" + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE)
        + "-" + java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(2));
    if (rotate) {
      KeyRing ring = KeyRing.read(out);
      KeyRing rotated = ring.withNewPrimary(KeyRing.generate(keyId), out.toString());
      replace(out, rotated.text());
      console.result("keygen: added key " + keyId + " as the primary of " + out + " (keeps " + String.join(", ", ring.keys().stream().map(k -> k.id()).toList())
          + "). Ingest with this ring links each person's pseudonyms; retire the old key later with"
          + " `conversa keygen --retire " + ring.keys().get(ring.keys().size() - 1).id() + " --out " + out + "`.");
      return 0;
    }
    write(out, KeyRing.generateText(keyId));
    console.result("keygen: wrote key " + keyId + " to " + out + " (mode 600); keep it secret and backed up");
    return 0;
  }

  /** Replaces a ring file by a new text, atomically, owner-only like the original. */
  static void replace(Path file, String text) {
    Path absolute = file.toAbsolutePath();
    Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".new");
    try {
      Files.deleteIfExists(temporary);
      write(temporary, text);
      Files.move(temporary, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw Errors.runFailed("cannot replace key file " + file + ".", "check the folder is writable; the ring is unchanged.", e);
    }
  }

  static void write(Path file, String text) {
    try {
      io.conversa.common.OwnerOnlyFiles.createFile(file);
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      throw Errors.usage("key file " + file + " exists already.", "choose another --out; conversa never overwrites a key.");
    } catch (IOException e) {
      throw Errors.runFailed("cannot write key file " + file + ".", "check the folder exists and is writable.", e);
    }
  }
}

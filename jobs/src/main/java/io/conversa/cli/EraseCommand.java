package io.conversa.cli;

import io.conversa.common.Errors;
import io.conversa.erase.EraseJob;
import io.conversa.erase.EraseResult;
import io.conversa.erase.EraseSettings;
import io.conversa.privacy.KeyRing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "erase",
    mixinStandardHelpOptions = true,
    description = {
      "Forgets people, as a data-subject request asks (LGPD Art. 18, GDPR Art. 17): removes their rows from every silver",
      "table, their parts of bronze bodies and their quarantined lines, recomputes the gold periods they touched under the",
      "rules gold was built with (pass the same --config, --min-group-size, windows and --send-log as aggregate), and",
      "VACUUMs so that no earlier table version holds them. An erasure ledger keeps them out of later ingests.",
      "Prints a receipt with counts only. Try --dry-run first."
    })
final class EraseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;
  @Mixin KeyOptions keys;
  @Mixin FunnelOptions funnel;
  @Mixin LakeOption lakeOption;
  @Mixin LeaseOption lease;

  @Option(names = "--phone", paramLabel = "NUMBER", description = "A person's phone number, in any notation (+55 11 98765-4321); repeatable.")
  List<String> phones = new ArrayList<>();

  @Option(names = "--user-id", paramLabel = "PSEUDONYM", description = "A person's pseudonym as silver shows it (k2026...:abc...); repeatable.")
  List<String> userIds = new ArrayList<>();

  @Option(names = "--file", paramLabel = "FILE", description = "A file of people, one phone number or pseudonym a line.")
  Path file;

  @Option(names = "--dry-run", description = "Count what would be removed; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    Console console = new Console(spec);
    List<String> allPhones = new ArrayList<>(phones);
    List<String> allUserIds = new ArrayList<>(userIds);
    if (file != null) {
      readPeople(file, allPhones, allUserIds);
    }
    if (allPhones.isEmpty() && allUserIds.isEmpty()) {
      throw Errors.usage("erase needs at least one person.", "give --phone NUMBER, --user-id PSEUDONYM or --file FILE.");
    }
    var session = spark.session("erase");
    keys.keys(); // a missing or bad key is a usage error before the lake is touched
    try (var held = lease.acquire(session, lakeOption.root, "erase", console)) {
      KeyRing ring = keys.keysOf(session, lakeOption.root);
      EraseResult result = new EraseJob(session, console::progress)
          .run(new EraseSettings(lakeOption.root, ring, allPhones, allUserIds, funnel.settings(lakeOption.root), dryRun));
      console.result(result.summary());
    }
    return 0;
  }

  /** A line holding a colon is a pseudonym (key id, colon, hash); any other non-blank line a phone number. */
  private static void readPeople(Path file, List<String> phones, List<String> userIds) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw Errors.unreadableFile("people file", file.toString(), e);
    }
    for (String line : lines) {
      String person = line.strip();
      if (person.isEmpty() || person.startsWith("#")) {
        continue;
      }
      (person.contains(":") ? userIds : phones).add(person);
    }
  }
}

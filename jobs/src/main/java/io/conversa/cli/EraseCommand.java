package io.conversa.cli;

import io.conversa.common.Errors;
import io.conversa.privacy.FileNames;
import io.conversa.privacy.Pseudonymizer;
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

  private static final String PHONE_FORM = "8 to 15 digits, with an optional + and spaces, dots, dashes or parentheses";
  private static final java.util.regex.Pattern PSEUDONYM = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,16}:[A-Za-z0-9_-]{16,64}");
  private static final String PSEUDONYM_FORM = "a pseudonym as silver shows it (key id, a colon, 22 letters and digits)";

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
    for (int i = 0; i < phones.size(); i++) {
      if (!isPhoneNumber(phones.get(i))) {
        throw Errors.usage("--phone (the " + ordinal(i + 1) + " given) is not a phone number: expected " + PHONE_FORM + ".",
            "give the number as the person wrote it, e.g. --phone \"+55 11 98765-4321\"; a pseudonym goes with --user-id.");
      }
    }
    for (int i = 0; i < userIds.size(); i++) {
      if (!PSEUDONYM.matcher(userIds.get(i)).matches()) {
        throw Errors.usage("--user-id (the " + ordinal(i + 1) + " given) is not a pseudonym: expected " + PSEUDONYM_FORM + ".",
            "copy the user_id as silver shows it; a phone number goes with --phone.");
      }
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
      throw Errors.unreadableFile("people file", FileNames.shown(file), e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String person = lines.get(i).strip();
      if (person.isEmpty() || person.startsWith("#")) {
        continue;
      }
      boolean pseudonym = person.contains(":");
      if (pseudonym ? !PSEUDONYM.matcher(person).matches() : !isPhoneNumber(person)) {
        throw Errors.usage("people file " + FileNames.shown(file) + ", line " + (i + 1) + ": expected " + PHONE_FORM + ", or "
                + PSEUDONYM_FORM + ".", "fix that line (one person a line; # starts a comment).");
      }
      (pseudonym ? userIds : phones).add(person);
    }
  }

  /** What --phone takes: E.164 allows 15 digits; the shortest numbers of the markets served have 8. */
  static boolean isPhoneNumber(String value) {
    return value.strip().matches("\\+?[0-9 ().-]+") && Pseudonymizer.digitsOf(value).length() >= 8 && Pseudonymizer.digitsOf(value).length() <= 15;
  }

  private static String ordinal(int n) {
    return n + (n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    });
  }
}

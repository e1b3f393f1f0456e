package io.conversa.cli;

import io.conversa.common.Errors;
import io.conversa.maintain.MaintainJob;
import io.conversa.maintain.MaintainResult;
import io.conversa.maintain.MaintainSettings;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "Keeps a lake small and only as long as it should: deletes bronze bodies and quarantined lines past their",
      "retention (after refining, so silver keeps everything), compacts small files, VACUUMs what no version within",
      "the retention uses, and checkpoints every table's log. Needs no key. Prints files and bytes before and after.",
      "Deleted rows leave storage once the VACUUM retention has passed (7 days): to remove a person at once, use `erase`.",
      "Run it weekly, after `aggregate`: a silver table whose changes gold has not read is not vacuumed."
    })
final class MaintainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;
  @Mixin LakeOption lakeOption;
  @Mixin LeaseOption lease;

  @Option(names = "--bronze-retention", defaultValue = "400d", paramLabel = "DURATION|forever",
      description = "Keep bronze bodies whose event date is this recent (default: ${DEFAULT-VALUE}: a year and a month, for year-over-year"
          + " rebuilds of silver). Silver and gold keep their rows.")
  String bronzeRetention;

  @Option(names = "--quarantine-retention", defaultValue = "90d", paramLabel = "DURATION|forever",
      description = "Keep quarantined lines ingested this recently (default: ${DEFAULT-VALUE}): time to fix and replay them.")
  String quarantineRetention;

  @Option(names = "--change-feed-retention", defaultValue = "7d", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "How long silver's change feed and removed files stay for readers of older versions (default: ${DEFAULT-VALUE},"
          + " Delta's own; at least 7d).")
  Duration changeFeedRetention;

  @Option(names = "--list-storage", description = "VACUUM by listing every table's folder (slow: a minute a table on a small lake), which also"
      + " finds files no commit names, as a killed write leaves. Without it VACUUM reads the removed files from the Delta log.")
  boolean listStorage;

  @Option(names = "--dry-run", description = "Count what retention would remove and show the footprint; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    Duration bronze = retention("--bronze-retention", bronzeRetention);
    Duration quarantine = retention("--quarantine-retention", quarantineRetention);
    if (changeFeedRetention.compareTo(MaintainSettings.SAFE_FILE_RETENTION) < 0) {
      throw Errors.usage("--change-feed-retention is under Delta's safe minimum of 7 days:"
          + " a reader of an older version could lose its files.", "give 7d or more (`erase` is the command that removes at once).");
    }
    Console console = new Console(spec);
    var session = spark.session("maintain");
    try (var held = lease.acquire(session, lakeOption.root, "maintain", console)) {
      MaintainResult result = new MaintainJob(session, console::progress)
          .run(new MaintainSettings(lakeOption.root, bronze, quarantine, changeFeedRetention, listStorage, dryRun));
      console.progress(result.details());
      console.result(result.summary());
    }
    return 0;
  }

  /** A duration in days, or null for "forever". */
  private static Duration retention(String option, String value) {
    if ("forever".equalsIgnoreCase(value.strip())) {
      return null;
    }
    try {
      Duration duration = new DurationConverter().convert(value);
      if (duration.toDays() < 1) {
        throw Errors.usage(option + " is under a day.", "retention counts whole days: give e.g. 90d, or forever.");
      }
      return duration;
    } catch (picocli.CommandLine.TypeConversionException e) {
      throw Errors.usage(option + " takes whole days (a number and d) or forever.", "e.g. " + option + " 400d");
    }
  }
}

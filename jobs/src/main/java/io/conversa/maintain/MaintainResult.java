package io.conversa.maintain;

import java.util.Locale;
import java.util.Map;

/** Rows removed by retention and each table's footprint before and after. */
public record MaintainResult(boolean dryRun, long bronzeRows, long quarantineRows, Map<String, TableFootprint[]> footprints,
    Map<String, String> skipped, double seconds) {

  public String summary() {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "maintain: %s %,d bronze bodies and %,d quarantined lines past their retention",
        dryRun ? "would remove" : "removed", bronzeRows, quarantineRows));
    long before = 0;
    long after = 0;
    long filesBefore = 0;
    long filesAfter = 0;
    for (TableFootprint[] pair : footprints.values()) {
      before += pair[0].storedBytes();
      after += pair[1].storedBytes();
      filesBefore += pair[0].storedFiles() + pair[0].logFiles();
      filesAfter += pair[1].storedFiles() + pair[1].logFiles();
    }
    text.append(String.format(Locale.ROOT, "; %d tables: %,d files (%,d bytes) before, %,d files (%,d bytes) after, in %.1f s",
        footprints.size(), filesBefore, before, filesAfter, after, seconds));
    return text.toString();
  }

  /** One line per table: files and bytes before -> after. */
  public String details() {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-26s %21s %27s %13s%n", "table", "data files (current)", "stored files / bytes", "log files"));
    footprints.forEach((table, pair) -> text.append(String.format(Locale.ROOT, "%-26s %9d -> %-9d %7d/%-9s -> %5d/%-9s %5d -> %d%n",
        table, pair[0].currentFiles(), pair[1].currentFiles(), pair[0].storedFiles(), human(pair[0].storedBytes()),
        pair[1].storedFiles(), human(pair[1].storedBytes()), pair[0].logFiles(), pair[1].logFiles())));
    skipped.forEach((table, why) -> text.append("  ").append(table).append(": ").append(why).append('\n'));
    return text.toString();
  }

  private static String human(long bytes) {
    return bytes < 1 << 20 ? String.format(Locale.ROOT, "%.0fK", bytes / 1024.0) : String.format(Locale.ROOT, "%.1fM", bytes / 1048576.0);
  }
}

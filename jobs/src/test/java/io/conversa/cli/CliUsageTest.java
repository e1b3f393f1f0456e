package io.conversa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.testing.CliRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CliUsageTest {
  @ParameterizedTest
  @ValueSource(strings = {"demo", "generate", "ingest", "refine", "aggregate", "run", "register", "sql", "quarantine", "erase", "keygen", "bench"})
  void everyCommandHasHelp(String command) {
    CliRun run = CliRun.of(command, "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("Usage: conversa " + command), run.out());
  }

  @Test
  void wrongFlagsPrintUsageAndExitTwo() {
    CliRun run = CliRun.of("ingest", "--input", "x", "--no-such-flag");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("unknown option --no-such-flag"), run.err());
    assertTrue(run.err().contains("Usage: conversa ingest"), run.err());
    assertEquals(2, CliRun.of().exitCode());
    assertEquals(2, CliRun.of("nonsense").exitCode());
  }

  @Test
  void ingestWithoutKeyRefusesWithAClearMessage() {
    CliRun run = CliRun.of("ingest", "--input", "does-not-matter", "--lake", "target/never");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("no pseudonymisation key") && run.err().contains("conversa keygen"), run.err());
  }

  @Test
  void eraseWithoutAPersonIsAUsageError() {
    CliRun run = CliRun.of("erase", "--lake", "target/never");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("erase needs at least one person"), run.err());
  }

  @Test
  void maintainRefusesRetentionsItCannotKeepSafely() {
    CliRun shortFeed = CliRun.of("maintain", "--lake", "target/never", "--change-feed-retention", "1d");
    assertEquals(2, shortFeed.exitCode());
    assertTrue(shortFeed.err().contains("under Delta's safe minimum of 7 days"), shortFeed.err());
    CliRun notADuration = CliRun.of("maintain", "--lake", "target/never", "--bronze-retention", "a year");
    assertEquals(2, notADuration.exitCode());
    assertTrue(notADuration.err().contains("--bronze-retention") && notADuration.err().contains("forever"), notADuration.err());
  }

  @Test
  void keygenRotatesAndRetiresOnlyWhatItShould(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    String ring = dir.resolve("ring.key").toString();
    assertEquals(0, CliRun.of("keygen", "--out", ring, "--id", "k1").exitCode());
    CliRun both = CliRun.of("keygen", "--out", ring, "--rotate", "--retire", "k1");
    assertEquals(2, both.exitCode());
    CliRun primary = CliRun.of("keygen", "--out", ring, "--retire", "k1");
    assertEquals(2, primary.exitCode(), "the only key is the primary");
    assertTrue(primary.err().contains("is the primary"), primary.err());
    assertEquals(0, CliRun.of("keygen", "--out", ring, "--rotate", "--id", "k2").exitCode());
    assertEquals(2, CliRun.of("keygen", "--out", ring, "--rotate", "--id", "k2").exitCode(), "ids are unique in a ring");
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(dir.resolve("ring.key"))));
    assertEquals(java.util.List.of("k2", "k1"), io.conversa.privacy.KeyRing.read(dir.resolve("ring.key")).keys().stream().map(k -> k.id()).toList());
    assertFalse(java.nio.file.Files.exists(dir.resolve(".ring.key.new")));
  }

  @Test
  void badRatesAreUsageErrors() {
    CliRun run = CliRun.of("generate", "--out", "target/never", "--malformed-rate", "1.5");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("between 0 and 1"), run.err());
  }

  @Test
  void benchRefusesModesThatCannotBeMeasuredTogether() {
    CliRun both = CliRun.of("bench", "--incremental", "--runs", "3");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains("--incremental, --runs, --release and --small measure different things"), both.err());
    assertEquals(2, CliRun.of("bench", "--small", "--runs", "3").exitCode());
    CliRun releaseAndRuns = CliRun.of("bench", "--release", "28,56", "--runs", "3");
    assertEquals(2, releaseAndRuns.exitCode());
    CliRun noDays = CliRun.of("bench", "--release", "0");
    assertEquals(2, noDays.exitCode());
    assertTrue(noDays.err().contains("--release, --clients and --campaigns take whole numbers of at least 1"), noDays.err());
    CliRun none = CliRun.of("bench", "--runs", "0");
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("--runs takes a whole number of at least 1"), none.err());
  }

  @Test
  void everyStageButDemoRefusesToRunWithoutAKey() {
    for (String command : new String[] {"refine", "aggregate"}) {
      CliRun run = CliRun.of(command, "--lake", "target/never");
      assertEquals(2, run.exitCode(), command);
      assertTrue(run.err().contains("no pseudonymisation key"), run.err());
    }
    CliRun run = CliRun.of("run", "--input", "x", "--lake", "target/never");
    assertEquals(2, run.exitCode());
  }

  @Test
  void windowsAreWrittenAsPeopleWriteThem() {
    DurationConverter durations = new DurationConverter();
    assertEquals(java.time.Duration.ofHours(24), durations.convert("24h"));
    assertEquals(java.time.Duration.ofDays(7), durations.convert("7d"));
    assertEquals(java.time.Duration.ofMinutes(90), durations.convert("90m"));
    assertEquals(java.time.Duration.ofHours(36), durations.convert("PT36H"));
    CliRun bad = CliRun.of("aggregate", "--reply-window", "soon");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--reply-window takes a duration: a number and a unit"), bad.err());
    assertFalse(bad.err().contains("soon"), bad.err());
    CliRun zero = CliRun.of("aggregate", "--attribution-window", "0d");
    assertEquals(2, zero.exitCode());
    assertTrue(zero.err().contains("--attribution-window takes a duration"), zero.err());
  }

  /**
   * A flag's wrong value is never repeated back: it may be the number or e-mail of the person an
   * operator is dealing with, typed into the wrong flag. Each error names the flag and its form.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
    "report --week 5511987654321                                  | --week",
    "report --week 2026-W47 --min-group-size 5511987654321x      | --min-group-size",
    "report --week 2026-W47 --locale ana.souza@example.com       | --locale",
    "report --week 2026-W47 --min-group-size -5511987654321      | --min-group-size",
    "aggregate --reply-window ana.souza@example.com             | --reply-window",
    "aggregate --min-group-size ana.souza@example.com           | --min-group-size",
    "sql --format ana.souza@example.com -e x                     | --format",
    "sql --max-rows +5511987654321                               | --max-rows",
    "generate --out target/never --start ana.souza@example.com   | --start",
    "erase --phone ana.souza@example.com --dry-run               | --phone",
    "erase --user-id 5511987654321 --dry-run                     | --user-id",
    "maintain --bronze-retention 5511987654321                   | --bronze-retention",
    "erase --phone +55 11 5511987654321                          | unexpected argument",
    "ingest --input x --5511987654321                            | unexpected argument",
  })
  void noWrongValueIsEchoed(String line, String named) {
    CliRun run = CliRun.of(line.strip().split(" "));
    assertEquals(2, run.exitCode(), run.all());
    assertTrue(run.err().contains(named), run.err());
    for (String value : new String[] {"5511987654321", "ana.souza@example.com", "ana.souza"}) {
      assertFalse(run.all().contains(value), "the error repeats a value: " + run.all());
    }
  }

  @Test
  void argumentFilesAreNotExpanded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path people = java.nio.file.Files.writeString(dir.resolve("people.txt"), "ana.souza@example.com\n+5511987654321\n");
    CliRun run = CliRun.of("erase", "@" + people);
    assertEquals(2, run.exitCode(), run.all());
    assertFalse(run.all().contains("ana.souza@example.com") || run.all().contains("5511987654321"), run.all());
  }
}

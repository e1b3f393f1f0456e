package io.conversa.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.testing.CliRun;
import io.conversa.testing.IndependentAttacker;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release attacked as a reader of gold would: logs conversa has not seen (their own seed and
 * businesses), two weeks and two months, several campaigns with templates, numbers, pricing
 * categories and ads, released at k = 5; then a linear programme written in the test, independent
 * of conversa's model ({@link IndependentAttacker}), bounds every withheld figure of fewer than k
 * people from everything published. None may be narrower than k (a count) or a cent (money).
 */
class DisclosureAttackIT {
  private static final int K = 5;

  @TempDir static Path dir;

  @Test
  void noWithheldFigureCanBeWorkedOutFromPublishedGold() {
    SparkSession spark = SharedSpark.session();
    Path logs = dir.resolve("logs");
    byte[] secret = TestKeys.APP_SECRET.getBytes(StandardCharsets.UTF_8);
    // Thursday 29 October to Sunday 8 November: ISO weeks and months that do not line up.
    GeneratorSettings settings = new GeneratorSettings(2_500, 1, 2, 90, 3, LocalDate.parse("2026-10-29"), 11, 2027L, 2,
        0.0, 0.02, 0.2, 0.0, 0.5, 0.5, secret);
    LogGenerator.generate(spark, settings, logs.toString());
    String lake = dir.resolve("lake").toString();
    String keyFile = TestKeys.keyFile(dir, "attack").toString();

    CliRun run = CliRun.of("run", "--input", logs.toString(), "--lake", lake, "--key-file", keyFile,
        "--min-group-size", String.valueOf(K), "--master", "local[2]");
    assertEquals(0, run.exitCode(), run.all());
    CliRun audit = CliRun.of("audit", "--lake", lake, "--master", "local[2]");
    assertEquals(0, audit.exitCode(), audit.all());
    assertTrue(audit.out().contains(", 0 findings"), audit.out());

    Map<String, Set<String>> sensitive = sensitiveFamilies(spark, lake);
    assertTrue(sensitive.values().stream().mapToInt(Set::size).sum() >= 10,
        "the logs leave groups of fewer than k people to protect: " + sensitive);
    Map<String, List<IndependentAttacker.Row>> published = IndependentAttacker.readLake(spark, lake);
    int solved = 0;
    for (Map.Entry<String, List<IndependentAttacker.Row>> client : published.entrySet()) {
      IndependentAttacker.Report report = IndependentAttacker.analyse(client.getValue(),
          sensitive.getOrDefault(client.getKey(), Set.of()), K);
      assertEquals(List.of(), report.solverFailures());
      assertEquals(List.of(), report.findings(), client.getKey() + ": withheld figures the published ones pin");
      solved += report.intervals().size();
    }
    assertTrue(solved >= 10, "the attacker bounded " + solved + " withheld figures");
  }

  /** The attacker's keys of every family withheld because it had fewer than k people. */
  private static Map<String, Set<String>> sensitiveFamilies(SparkSession spark, String lake) {
    Map<String, Set<String>> keys = new HashMap<>();
    for (Row row : spark.read().format("delta").load(lake + "/gold/_withheld").collectAsList()) {
      Map<String, String> members = new HashMap<>(row.<String, String>getJavaMap(row.fieldIndex("members")));
      for (String family : row.<String>getList(row.fieldIndex("sensitive"))) {
        keys.computeIfAbsent(row.getString(row.fieldIndex("client")), c -> new HashSet<>()).add(IndependentAttacker.key(
            row.getString(row.fieldIndex("table")), members, row.getString(row.fieldIndex("period")),
            row.getDate(row.fieldIndex("period_start")).toLocalDate(), family));
      }
    }
    return keys;
  }
}

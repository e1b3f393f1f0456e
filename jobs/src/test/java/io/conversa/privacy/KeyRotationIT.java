package io.conversa.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchemas;
import io.conversa.testing.CliRun;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key rotation as an operator does it, on the same customers over nine days: three days under
 * the first key, `keygen --rotate`, three days with both keys (and the first three read again, so
 * that everyone is linked), `keygen --retire` of the first, three days under the new key alone. Silver must hold what one key over all nine days gives:
 * the same people, each under the user_id they had before the rotation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRotationIT {
  private static final LocalDate START = LocalDate.parse("2026-11-02");
  @TempDir static Path dir;
  private SparkSession spark;
  private Lake rotated;
  private Lake reference;
  private CliRun rotate;
  private CliRun retire;

  @BeforeAll
  void ingestNineDaysAcrossARotation() throws IOException {
    spark = SharedSpark.session();
    byte[] secret = TestKeys.APP_SECRET.getBytes(StandardCharsets.UTF_8);
    // Few customers per business, so most come back on both sides of each key change.
    GeneratorSettings first = new GeneratorSettings(600, 2, 1, 50, 2, START, 3, 71L, 2, 0.0, 0.03, 0.15, 0.0, 0.0, 0.3, secret);
    LogGenerator.generate(spark, first, dir.resolve("logs/a").toString());
    LogGenerator.generate(spark, first.laterDays(600, START.plusDays(3), 3, 72L), dir.resolve("logs/b").toString());
    LogGenerator.generate(spark, first.laterDays(600, START.plusDays(6), 3, 73L), dir.resolve("logs/c").toString());
    Path ring = TestKeys.keyFile(dir, "k1");
    Path firstKeyOnly = Files.copy(ring, dir.resolve("k1-only.key"));

    String lake = dir.resolve("rotated").toString();
    ingest("logs/a", lake, ring);
    rotate = CliRun.of("keygen", "--rotate", "--id", "k2", "--out", ring.toString());
    assertEquals(0, rotate.exitCode(), rotate.all());
    ingest("logs/b", lake, ring);
    // People of the first days who did not come back during the transition: linked by reading their logs again.
    CliRun relink = CliRun.of("ingest", "--reprocess", "--input", dir.resolve("logs/a").toString(), "--lake", lake,
        "--key-file", ring.toString(), "--master", "local[2]");
    assertEquals(0, relink.exitCode(), relink.all());
    assertTrue(relink.out().contains(" 0 events stored"), "reading old logs again stores nothing twice: " + relink.out());
    retire = CliRun.of("keygen", "--retire", "k1", "--out", ring.toString());
    assertEquals(0, retire.exitCode(), retire.all());
    // Silver is refined once, after all nine days: the ids it holds are the ones ingest wrote.
    refine(ingest("logs/c", lake, ring), lake, ring);
    rotated = new Lake(spark, lake);

    String referenceLake = dir.resolve("reference").toString();
    refine(ingest("logs", referenceLake, firstKeyOnly), referenceLake, firstKeyOnly);
    reference = new Lake(spark, referenceLake);
  }

  private static String ingest(String logs, String lake, Path keyFile) {
    CliRun run = CliRun.of("ingest", "--input", dir.resolve(logs).toString(), "--lake", lake, "--key-file", keyFile.toString(), "--master", "local[2]");
    assertEquals(0, run.exitCode(), run.all());
    return run.all();
  }

  private static void refine(String ingestOutput, String lake, Path keyFile) {
    CliRun run = CliRun.of("refine", "--lake", lake, "--key-file", keyFile.toString(), "--master", "local[2]");
    assertEquals(0, run.exitCode(), ingestOutput + run.all());
  }

  private static Set<String> users(Lake lake) {
    Set<String> users = new HashSet<>(lake.read(TableSchemas.MESSAGES).select("user_id").distinct().na().drop().as(Encoders.STRING()).collectAsList());
    users.addAll(lake.read(TableSchemas.OUTBOUND_MESSAGES).select("user_id").distinct().na().drop().as(Encoders.STRING()).collectAsList());
    return users;
  }

  @Test
  void theRingFileChangedAsTheCommandsSaid() {
    KeyRing ring = KeyRing.read(dir.resolve("k1.key"));
    assertEquals(java.util.List.of("k2"), ring.keys().stream().map(Key::id).toList());
    assertTrue(rotate.out().contains("added key k2") && rotate.out().contains("--retire k1"), rotate.out());
    assertTrue(retire.out().contains("retired key k1"), retire.out());
  }

  @Test
  void everyPersonKeepsOneUserIdAcrossTheRotation() {
    Set<String> expected = users(reference);
    Set<String> actual = users(rotated);
    Set<String> keptFirstKeys = new HashSet<>(actual);
    keptFirstKeys.removeIf(u -> !u.startsWith("k1:"));
    assertTrue(actual.stream().allMatch(u -> u.startsWith("k1:") || u.startsWith("k2:")), actual.toString());
    assertTrue(expected.containsAll(keptFirstKeys), "an id under the first key is the one one key over nine days gives");
    // A person split by the rotation would be there twice: once under k1 and once under k2.
    assertEquals(expected.size(), actual.size(), "one key over nine days and the rotation count the same people");
    long returning = rotated.read(TableSchemas.MESSAGES).filter(org.apache.spark.sql.functions.col("sent_at")
            .geq(java.sql.Timestamp.valueOf(START.plusDays(6).atStartOfDay())))
        .select("user_id").distinct().filter("user_id like 'k1:%'").count();
    assertTrue(returning > 20, "people who wrote after the old key was retired kept their first id: " + returning);
    assertEquals(reference.read(TableSchemas.MESSAGES).count(), rotated.read(TableSchemas.MESSAGES).count());
    assertEquals(reference.read(TableSchemas.OUTBOUND_MESSAGES).count(), rotated.read(TableSchemas.OUTBOUND_MESSAGES).count());
  }

  @Test
  void linksHoldOnlyPseudonymsOfTheNewKeyToTheOld() {
    var links = rotated.read(TableSchemas.PSEUDONYM_LINKS);
    assertTrue(links.count() > 0);
    assertEquals(0, links.filter("pseudonym not like 'k2:%' or stable_pseudonym not like 'k1:%'").count());
    assertEquals(links.count(), links.select("pseudonym").distinct().count(), "one row per new pseudonym");
  }
}

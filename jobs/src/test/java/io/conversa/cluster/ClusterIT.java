package io.conversa.cluster;

import static io.conversa.testing.DataFrameAssertions.assertSameRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import io.conversa.testing.CliRun;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.SparkStandaloneCluster;
import io.conversa.testing.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit jar on a real Spark standalone cluster: a master, a worker and two executors,
 * each its own JVM, on a Spark home of Spark's own jars ({@code target/spark-home}, which pom.xml
 * builds before the integration tests). {@code conversa run} submitted there writes the same gold
 * tables as the same run on the same logs in local mode. Two full pipeline runs: about 6 minutes
 * in CI on 2 cores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {
  private static final List<TableSchema> GOLD =
      List.of(TableSchemas.CAMPAIGN_FUNNEL, TableSchemas.NUMBER_FUNNEL, TableSchemas.CONVERSATIONS, TableSchemas.AD_REFERRALS);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

  @TempDir static Path dir;
  private final Path jar = Path.of(mavenProperty("conversa.sparkJar"));
  private final Path sparkHome = Path.of(mavenProperty("conversa.sparkHome"));
  private String clusterLake;
  private String localLake;
  private String diagnostics;
  private Path workDir;
  private Map<String, Long> tasksByExecutor;

  @BeforeAll
  void runOnTheClusterAndLocally() throws IOException {
    Path logs = dir.resolve("logs");
    Path secretFile = TestKeys.appSecretFile(dir);
    CliRun generate = CliRun.of("generate", "--out", logs.toString(), "--events", "2500",
        "--app-secret-file", secretFile.toString(), "--master", "local[2]");
    assertEquals(0, generate.exitCode(), generate.all());
    List<String> run = List.of("run", "--input", logs.toString(), "--key-file", TestKeys.keyFile(dir, "c1").toString(),
        "--app-secret-file", secretFile.toString(), "--min-group-size", "1");
    clusterLake = dir.resolve("lake-cluster").toString();
    localLake = dir.resolve("lake-local").toString();

    int exitCode;
    try (SparkStandaloneCluster cluster = SparkStandaloneCluster.start(sparkHome, dir.resolve("cluster"), java17Opens(), 2, "3g")) {
      List<String> submit = new ArrayList<>(List.of(
          "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
          // The local run's figure (SparkSessions on a local master); Spark's 200 would make this test crawl on two cores.
          "--conf", "spark.sql.shuffle.partitions=4",
          "--conf", "spark.ui.enabled=false",
          "--class", "io.conversa.cli.Conversa", jar.toString()));
      submit.addAll(run);
      submit.addAll(List.of("--lake", clusterLake));
      exitCode = cluster.submit(RUN_TIMEOUT, submit);
      tasksByExecutor = cluster.tasksByExecutor();
      workDir = cluster.workDir();
      diagnostics = cluster.diagnostics();
    }
    assertEquals(0, exitCode, "spark-submit ... run failed on the cluster\n" + diagnostics);

    List<String> local = new ArrayList<>(run);
    local.addAll(List.of("--lake", localLake, "--master", "local[2]"));
    CliRun localRun = CliRun.of(local.toArray(new String[0]));
    assertEquals(0, localRun.exitCode(), localRun.all());
  }

  @Test
  void theJarHoldsTheAppAndItsSchemasButNoClassOfSpark() throws IOException {
    Set<String> jarClasses;
    try (JarFile app = new JarFile(jar.toFile())) {
      assertEquals("io.conversa.cli.Conversa", app.getManifest().getMainAttributes().getValue("Main-Class"));
      Path schemas = Path.of(mavenProperty("conversa.schemas"));
      try (Stream<Path> files = Files.walk(schemas)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String entry = "schemas/" + schemas.relativize(file).toString().replace('\\', '/');
          assertTrue(app.getEntry(entry) != null, jar.getFileName() + " lacks " + entry);
        }
      }
      jarClasses = classes(app);
    }
    assertTrue(jarClasses.contains("io/delta/tables/DeltaTable.class"), "Delta goes into the jar");
    // The report's SVG charts need batik's SVG DOM (xml-apis-ext), which neither the JDK nor Spark has.
    assertTrue(jarClasses.contains("org/w3c/dom/svg/SVGDocument.class"), "the SVG DOM goes into the jar");
    try (Stream<Path> sparkJars = Files.list(sparkHome.resolve("jars"))) {
      for (Path sparkJar : sparkJars.toList()) {
        try (ZipFile spark = new ZipFile(sparkJar.toFile())) {
          Set<String> both = classes(spark);
          both.retainAll(jarClasses);
          assertTrue(both.isEmpty(), jar.getFileName() + " and the cluster's " + sparkJar.getFileName()
              + " both hold " + both.stream().limit(5).toList() + ": exclude or relocate them in the shade plugin");
        }
      }
    }
  }

  @Test
  void twoExecutorJvmsRanTheTasks() throws IOException {
    Set<String> executorFolders;
    try (Stream<Path> folders = Files.walk(workDir, 2)) {
      executorFolders = folders.filter(f -> Files.exists(f.resolve("stderr")))
          .map(f -> workDir.relativize(f).toString().replaceFirst("^app-[0-9-]+", "app"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(Set.of("app/0", "app/1"), executorFolders, "one application with two executors\n" + diagnostics);
    assertEquals(Set.of("0", "1"), tasksByExecutor.keySet(), "tasks by executor " + tasksByExecutor + "\n" + diagnostics);
  }

  @Test
  void goldOfTheClusterEqualsGoldOfTheLocalRun() {
    for (TableSchema table : GOLD) {
      Dataset<Row> local = withoutRunColumns(read(localLake, table));
      Dataset<Row> cluster = withoutRunColumns(read(clusterLake, table));
      assertTrue(local.count() > 0, table.qualifiedName() + " is empty");
      assertEquals(local.count(), cluster.count(), table.qualifiedName() + " rows");
      assertSameRows(local, cluster);
    }
  }

  private static Dataset<Row> read(String lake, TableSchema table) {
    return SharedSpark.session().read().format("delta").load(new Lake(SharedSpark.session(), lake).path(table));
  }

  /** computed_at is when the row was written: the one gold column two runs cannot agree on. */
  private static Dataset<Row> withoutRunColumns(Dataset<Row> rows) {
    return rows.drop("computed_at");
  }

  private static Set<String> classes(ZipFile zip) {
    return zip.stream().map(ZipEntry::getName)
        .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> java17Opens() {
    return List.of(mavenProperty("conversa.java17Opens").trim().split("\\s+"));
  }

  /** Failsafe's systemPropertyVariables in pom.xml: the jar, the Spark home, the schemas folder, the opens. */
  private static String mavenProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: run ClusterIT through Maven (mvn verify), whose Failsafe configuration sets it");
    }
    return value;
  }
}

package io.conversa.sql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.common.ConversaException;
import io.conversa.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analyst's boundary, tried with what an attacker typed into {@code conversa sql}: every
 * statement is checked on its parsed and analysed plans against three real Delta tables.
 */
class ReadOnlySqlTest {
  // A session of its own: the lock-down must not reach the other tests' shared session.
  private static final SparkSession SPARK = SharedSpark.session().newSession();
  private static final List<String> TABLES = List.of("bronze.sql_test_events", "silver.sql_test_messages", "gold.sql_test_funnel");
  private static Path lake;
  private final ReadOnlySql readOnly = new ReadOnlySql(TABLES);

  @BeforeAll
  static void threeDeltaTables() throws Exception {
    lake = Files.createTempDirectory("read-only-sql");
    SPARK.sql("select 'Loja Aurora' as client, 'week' as period, 'promo' as campaign, cast(id as bigint) as sent, 'k1:abc' as user_id"
        + " from range(5)").write().format("delta").save(lake + "/funnel");
    SPARK.read().format("delta").load(lake + "/funnel").write().format("delta").mode("append").save(lake + "/funnel");
    SPARK.read().format("delta").load(lake + "/funnel").write().format("delta").save(lake + "/messages");
    SPARK.read().format("delta").load(lake + "/funnel").write().format("delta").save(lake + "/events");
    for (String layer : List.of("bronze", "silver", "gold")) {
      SPARK.sql("create database if not exists " + layer);
    }
    register("gold.sql_test_funnel", "funnel");
    register("silver.sql_test_messages", "messages");
    register("bronze.sql_test_events", "events");
    ReadOnlySql.lockDown(SPARK);
  }

  private static void register(String name, String folder) {
    if (!SPARK.catalog().tableExists(name)) {
      SPARK.catalog().createTable(name, lake + "/" + folder, "delta");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "select client, sum(sent) from gold.sql_test_funnel where period = 'week' group by client",
    "SELECT * FROM Gold.Sql_Test_Funnel",
    "with w as (select * from gold.sql_test_funnel) select count(*) from w",
    "select * from silver.sql_test_messages where user_id in (select user_id from silver.sql_test_messages limit 3)",
    "select exists(select 1 from bronze.sql_test_events)",
    "select client, rank() over (partition by client order by sent desc) from gold.sql_test_funnel",
    "select f.client, m.sent from gold.sql_test_funnel f join silver.sql_test_messages m on f.client = m.client",
    "select client from gold.sql_test_funnel union all select client from silver.sql_test_messages",
    "select explode(array(1, 2))",
    "select * from range(3)",
    "select * from values (1, 'a'), (2, 'b') as t(n, s)",
    "select to_json(named_struct('a', 1)), upper('x'), date_trunc('week', current_date())",
    "show tables in gold",
    "show databases",
    "show columns in gold.sql_test_funnel",
    "describe gold.sql_test_funnel",
    "describe function count",
    "explain select * from gold.sql_test_funnel",
    "describe query select client from gold.sql_test_funnel",
    "select 1 + 1",
  })
  void readsAreLetThrough(String statement) {
    assertDoesNotThrow(() -> readOnly.check(SPARK, statement));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    // files, other tables and Java
    "select value from text.`/tmp/conversa.key`",
    "select * from delta.`/lake/gold/_withheld`",
    "select * from parquet.`/lake/silver/messages`",
    "with k as (select * from json.`/tmp/x`) select * from k",
    "describe delta.`/lake/bronze/webhook_events`",
    "select reflect('java.lang.System', 'getenv', 'CONVERSA_KEY')",
    "select * from (select java_method('java.lang.System', 'getenv', 'CONVERSA_KEY') as k)",
    "select 1 where exists (select reflect('java.lang.System', 'exit', 0))",
    "select * from spark_catalog.gold.sql_test_funnel",
    "select * from other.table_of_someone",
    // processes
    "select transform(1) using 'cat /tmp/conversa.key' as (line string)",
    "select transform(client) using 'printenv CONVERSA_KEY' as (line string) from gold.sql_test_funnel",
    "from gold.sql_test_funnel map client using 'id'",
    "from gold.sql_test_funnel reduce client using 'env' as (line string)",
    "select * from (select transform(1) using 'env' as (l string)) t",
    // writes, history, change feeds, earlier versions
    "insert overwrite directory '/tmp/out' select * from silver.sql_test_messages",
    "insert into gold.sql_test_funnel select * from gold.sql_test_funnel",
    "update gold.sql_test_funnel set sent = 0",
    "delete from silver.sql_test_messages",
    "merge into gold.sql_test_funnel t using gold.sql_test_funnel s on t.client = s.client when matched then delete",
    "create table gold.mine as select 1",
    "create temporary view v as select * from text.`/etc/passwd`",
    "drop table gold.sql_test_funnel",
    "set spark.sql.runSQLOnFiles=true",
    "add jar /tmp/evil.jar",
    "vacuum gold.sql_test_funnel retain 0 hours",
    "optimize gold.sql_test_funnel",
    "restore table gold.sql_test_funnel to version as of 0",
    "create table gold.copy shallow clone gold.sql_test_funnel location '/tmp/copy'",
    "select * from table_changes('gold.sql_test_funnel', 0)",
    "select * from table_changes_by_path('/lake/silver/outbound_messages', 0)",
    "describe history '/lake/gold/_withheld'",
    "describe history gold.sql_test_funnel",
    "describe detail '/lake/gold/_withheld'",
    "select * from gold.sql_test_funnel version as of 0",
    "select * from gold.sql_test_funnel timestamp as of '2020-01-01'",
    "cache table gold.sql_test_funnel",
    "refresh table gold.sql_test_funnel",
    "use gold",
    // effects inside expressions
    "select raise_error('boom 5511987654321')",
    "select assert_true(false)",
    "select input_file_name() from gold.sql_test_funnel",
    "explain select transform(1) using 'id' as (l string)",
    "describe query select reflect('java.lang.System', 'getenv', 'PATH')",
    "show tables in spark_catalog.other",
  })
  void everythingElseIsRefusedWithAReason(String statement) {
    ConversaException refused = assertThrows(ConversaException.class, () -> readOnly.check(SPARK, statement));
    assertEquals(2, refused.exitCode());
    assertTrue(refused.getMessage().startsWith("sql is read-only: ") || refused.getMessage().startsWith("SQL error"), refused.getMessage());
  }

  @Test
  void aStatementNestedTooDeeplyIsAUsageErrorNotAStackOverflow() {
    for (String statement : List.of(
        "select " + "(".repeat(3000) + "1" + ")".repeat(3000),
        "select " + String.join(" + ", java.util.Collections.nCopies(20_000, "1")))) {
      ConversaException refused = assertThrows(ConversaException.class, () -> readOnly.check(SPARK, statement));
      assertEquals(2, refused.exitCode());
      assertTrue(refused.getMessage().contains("nests too deeply"), refused.getMessage());
    }
    assertDoesNotThrow(() -> readOnly.check(SPARK, "select " + String.join(" + ", java.util.Collections.nCopies(300, "sent"))
        + " from gold.sql_test_funnel"));
    // Spark's parser balances long chains of AND and OR itself: 5,000 conditions are 13 levels.
    assertDoesNotThrow(() -> readOnly.check(SPARK, "select 1 where " + String.join(" and ", java.util.Collections.nCopies(5_000, "true"))));
  }

  @Test
  void aFailingQueryIsReportedByItsErrorClassNeverItsText() {
    ConversaException failed = assertThrows(ConversaException.class, () -> readOnly.run(SPARK,
        "select from_json('{\"a\": \"5511987654321\"', 'a int', map('mode', 'FAILFAST'))", result -> result.collectAsList()));
    assertEquals(1, failed.exitCode());
    assertTrue(failed.getMessage().contains("MALFORMED_RECORD_IN_PARSING"), failed.getMessage());
    assertFalse(failed.getMessage().contains("5511987654321"), failed.getMessage());
    long rows = readOnly.run(SPARK, "select * from gold.sql_test_funnel", result -> result.count());
    assertEquals(10L, rows);
  }

  @Test
  void aLockedSessionCannotCallJavaNorReadFilesEvenUnchecked() {
    SparkSession locked = SharedSpark.session().newSession();
    ReadOnlySql.lockDown(locked);
    Exception reflect = assertThrows(Exception.class,
        () -> locked.sql("select reflect('java.lang.System', 'getenv', 'PATH')").collect());
    assertTrue(reflect.getMessage().toLowerCase().contains("reflect"), reflect.getMessage());
    assertThrows(Exception.class, () -> locked.sql("select * from text.`/etc/hostname`").collect());
  }
}

package io.conversa.sql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.common.ConversaException;
import io.conversa.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The analyst's boundary, tried with what an attacker typed into {@code conversa sql}. */
class ReadOnlySqlTest {
  // A session of its own: the lock-down must not reach the other tests' shared session.
  private static final SparkSession SPARK = SharedSpark.session().newSession();
  private final ReadOnlySql readOnly = new ReadOnlySql(List.of("bronze.webhook_events", "silver.messages", "gold.campaign_funnel"));

  @ParameterizedTest
  @ValueSource(strings = {
    "select client, sum(sent) from gold.campaign_funnel where period = 'week' group by client",
    "SELECT * FROM Gold.Campaign_Funnel",
    "with w as (select * from gold.campaign_funnel) select count(*) from w",
    "select * from silver.messages where user_id in (select user_id from silver.messages limit 3)",
    "select exists(select 1 from bronze.webhook_events)",
    "show tables in gold",
    "show databases",
    "describe gold.campaign_funnel",
    "describe function count",
    "explain select * from gold.campaign_funnel",
    "select 1 + 1",
  })
  void readsAreLetThrough(String statement) {
    assertDoesNotThrow(() -> readOnly.check(SPARK, statement));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "select value from text.`/tmp/conversa.key`",
    "select * from delta.`/lake/gold/_sensitive_cells`",
    "select * from parquet.`/lake/silver/messages`",
    "with k as (select * from json.`/tmp/x`) select * from k",
    "describe delta.`/lake/bronze/webhook_events`",
    "select reflect('java.lang.System', 'getenv', 'CONVERSA_KEY')",
    "select * from (select java_method('java.lang.System', 'getenv', 'CONVERSA_KEY') as k)",
    "select 1 where exists (select reflect('java.lang.System', 'exit', 0))",
    "insert overwrite directory '/tmp/out' select * from silver.messages",
    "insert into gold.campaign_funnel select * from gold.campaign_funnel",
    "update gold.campaign_funnel set sent = 0",
    "delete from silver.messages",
    "merge into gold.campaign_funnel t using gold.campaign_funnel s on t.client = s.client when matched then delete",
    "create table gold.mine as select 1",
    "create temporary view v as select * from text.`/etc/passwd`",
    "drop table gold.campaign_funnel",
    "set spark.sql.runSQLOnFiles=true",
    "add jar /tmp/evil.jar",
    "vacuum gold.campaign_funnel retain 0 hours",
    "optimize gold.campaign_funnel",
    "select * from spark_catalog.gold.campaign_funnel",
    "select * from other.table_of_someone",
  })
  void everythingElseIsRefusedWithAReason(String statement) {
    ConversaException refused = assertThrows(ConversaException.class, () -> readOnly.check(SPARK, statement));
    assertEquals(2, refused.exitCode());
    assertTrue(refused.getMessage().startsWith("sql is read-only: ") || refused.getMessage().startsWith("SQL error"), refused.getMessage());
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

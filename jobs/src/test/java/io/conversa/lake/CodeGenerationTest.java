package io.conversa.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small work runs interpreted, large work compiled, and both give the same rows. */
class CodeGenerationTest {
  @TempDir java.nio.file.Path dir;

  private String wholeStage;
  private String factoryMode;

  @BeforeEach
  void rememberTheSuitesChoice() {
    wholeStage = SharedSpark.session().conf().get("spark.sql.codegen.wholeStage", "true");
    factoryMode = SharedSpark.session().conf().get("spark.sql.codegen.factoryMode", "FALLBACK");
  }

  @AfterEach
  void restoreIt() {
    SharedSpark.session().conf().set("spark.sql.codegen.wholeStage", wholeStage);
    SharedSpark.session().conf().set("spark.sql.codegen.factoryMode", factoryMode);
  }

  @Test
  void theSizeOfTheWorkDecides() {
    SparkSession spark = SharedSpark.session();
    CodeGeneration.fitTo(spark, 427, 200_000);
    assertFalse(CodeGeneration.compiles(spark));
    assertEquals("NO_CODEGEN", spark.conf().get("spark.sql.codegen.factoryMode"));
    CodeGeneration.fitTo(spark, 1_000_000, 200_000);
    assertTrue(CodeGeneration.compiles(spark));
    assertEquals("FALLBACK", spark.conf().get("spark.sql.codegen.factoryMode"));
    CodeGeneration.interpret(spark);
    assertFalse(CodeGeneration.compiles(spark));
  }

  @Test
  void interpretedAndCompiledPlansAnswerTheSameRowsAndMerge() {
    SparkSession spark = SharedSpark.session();
    CodeGeneration.fitTo(spark, 1, 2);
    List<Row> interpreted = funnelOf(spark, dir.resolve("interpreted").toString());
    CodeGeneration.fitTo(spark, 2, 2);
    List<Row> compiled = funnelOf(spark, dir.resolve("compiled").toString());
    assertEquals(compiled, interpreted);
    assertEquals(7, interpreted.size());
    assertEquals(1_000L, interpreted.stream().mapToLong(r -> r.getLong(1)).sum());
  }

  /** A Delta write, a MERGE and a grouped count with a conditional sum, as the jobs run them. */
  private static List<Row> funnelOf(SparkSession spark, String path) {
    Dataset<Row> events = spark.range(1_000).selectExpr("id", "id % 7 AS campaign", "id % 3 = 0 AS read", "CAST(id % 11 AS string) AS user_id");
    events.filter(col("id").lt(500)).write().format("delta").save(path);
    io.delta.tables.DeltaTable.forPath(spark, path).as("t")
        .merge(events.as("s"), "t.id = s.id")
        .whenNotMatched().insertAll()
        .execute();
    return spark.read().format("delta").load(path)
        .groupBy("campaign")
        .agg(count("*").as("sent"), sum(when(col("read"), 1L).otherwise(0L)).as("read"), countDistinct("user_id").as("people"), max("id"))
        .orderBy("campaign")
        .collectAsList();
  }
}

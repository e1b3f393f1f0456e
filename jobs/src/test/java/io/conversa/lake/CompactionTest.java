package io.conversa.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.schema.TableSchemas;
import io.conversa.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many small writes are folded into few files once per stage, without a job while there is nothing to fold. */
class CompactionTest {
  @TempDir Path dir;

  @Test
  void aTableOfManySmallFilesIsCompactedAndOneOfFewIsLeftAlone() {
    SparkSession spark = SharedSpark.session();
    Lake lake = new Lake(spark, dir.resolve("lake").toString());
    Dataset<Row> empty = lake.table(TableSchemas.QUALITY_CHECKS).toDF();
    Row row = spark.sql("select current_timestamp() as run_at, 'gold.x' as table_name, 'n' as check_name, 'd' as description,"
        + " true as passed, 0L as violations, 1L as rows_checked").first();
    Dataset<Row> one = spark.createDataFrame(List.of(row), empty.schema());
    int belowThreshold = (int) Compaction.MIN_FILES - 1;
    // One file per row, in one commit: the files of many small writes, written quickly.
    spark.createDataFrame(java.util.Collections.nCopies(belowThreshold, row), empty.schema()).coalesce(1)
        .write().format("delta").mode("append").option("maxRecordsPerFile", 1).save(lake.path(TableSchemas.QUALITY_CHECKS));
    long before = DeltaMetrics.currentVersion(lake.table(TableSchemas.QUALITY_CHECKS));

    assertEquals(List.of(), Compaction.ofFragmented(spark, lake, List.of(TableSchemas.QUALITY_CHECKS)));
    assertEquals(before, DeltaMetrics.currentVersion(lake.table(TableSchemas.QUALITY_CHECKS)), "below the threshold: no commit");

    one.write().format("delta").mode("append").save(lake.path(TableSchemas.QUALITY_CHECKS));
    assertEquals(List.of("gold.quality_checks"), Compaction.ofFragmented(spark, lake, List.of(TableSchemas.QUALITY_CHECKS)));
    long files = DeltaLog.forTable(spark, lake.path(TableSchemas.QUALITY_CHECKS)).update(false, scala.Option.empty(), scala.Option.empty())
        .allFiles().count();
    assertTrue(files < 5, files + " files after compaction");
    assertEquals(Compaction.MIN_FILES, lake.read(TableSchemas.QUALITY_CHECKS).count(), "compaction keeps every row");
  }
}

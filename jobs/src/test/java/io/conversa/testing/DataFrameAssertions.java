package io.conversa.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * spark-testing-base's DataFrame assertions on our shared session. Its JUnit 4 lifecycle hooks
 * are not used (they would start a second SparkContext); the assertions work on the datasets'
 * own session.
 */
public final class DataFrameAssertions {
  private static final JavaDataFrameSuiteBase ASSERTIONS = new JavaDataFrameSuiteBase();

  private DataFrameAssertions() {}

  /** Same schema, same rows, in any order. */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    ASSERTIONS.assertDataFrameNoOrderEquals(expected, actual);
  }
}

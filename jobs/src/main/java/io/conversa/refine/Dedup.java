package io.conversa.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Keeps one row per key, the same one whatever the order rows came in. */
final class Dedup {
  private Dedup() {}

  /** One row per {@code key}: the one with the smallest {@code orderBy} values. */
  static Dataset<Row> keepFirst(Dataset<Row> rows, String key, String... orderBy) {
    org.apache.spark.sql.Column[] order = java.util.Arrays.stream(orderBy).map(c -> col(c).asc_nulls_last())
        .toArray(org.apache.spark.sql.Column[]::new);
    return rows
        .withColumn("_rank", row_number().over(Window.partitionBy(key).orderBy(order)))
        .filter(col("_rank").equalTo(1))
        .drop("_rank");
  }
}

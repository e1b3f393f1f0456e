package io.conversa.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Keeps one row per key, the same one whatever the order rows came in. */
final class Dedup {
  private Dedup() {}

  /**
   * One row per {@code key}: the one with the smallest {@code orderBy} values. The window sorts
   * by a 64-bit hash of the key first: keys are ids that share their first bytes ("k1:", a
   * key id), so Spark's 8-byte sort prefix of the key itself told rows apart almost never and
   * every comparison compared whole strings, the largest cost of refine's sorts.
   */
  static Dataset<Row> keepFirst(Dataset<Row> rows, String key, String... orderBy) {
    org.apache.spark.sql.Column[] order = java.util.Arrays.stream(orderBy).map(c -> col(c).asc_nulls_last())
        .toArray(org.apache.spark.sql.Column[]::new);
    return rows
        .withColumn("_rank", row_number().over(Window.partitionBy(xxhash64(col(key)), col(key)).orderBy(order)))
        .filter(col("_rank").equalTo(1))
        .drop("_rank");
  }
}

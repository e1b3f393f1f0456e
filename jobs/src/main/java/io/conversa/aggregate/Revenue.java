package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Revenue is only a number in one currency: a row mixing currencies shows MIXED and no sum. */
final class Revenue {
  private Revenue() {}

  /** Turns {@code _revenue} and {@code _all_currencies} into {@code revenue} and {@code revenue_currency}. */
  static Dataset<Row> settle(Dataset<Row> sums) {
    return sums
        .withColumn("revenue_currency",
            when(expr("size(_all_currencies) = 1"), expr("_all_currencies[0]"))
                .when(expr("size(_all_currencies) > 1"), lit(Funnels.MIXED)))
        .withColumn("revenue", when(expr("size(_all_currencies) > 1"), lit(null).cast("decimal(18,2)")).otherwise(col("_revenue")))
        .drop("_revenue", "_all_currencies");
  }
}

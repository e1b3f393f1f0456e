package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * The small-cell rule: a row computed from fewer than k distinct users shows no measure at all,
 * only its keys and {@code suppressed = true}.
 */
public final class Suppression {
  private Suppression() {}

  /**
   * @param rows aggregates with a {@code users} column
   * @param keys the row's grain, kept visible
   */
  public static Dataset<Row> apply(Dataset<Row> rows, int minGroupSize, Set<String> keys) {
    Dataset<Row> flagged = rows.withColumn("suppressed", col("users").lt(minGroupSize));
    for (StructField field : rows.schema().fields()) {
      if (!keys.contains(field.name())) {
        flagged = flagged.withColumn(field.name(), when(col("suppressed"), lit(null).cast(field.dataType())).otherwise(col(field.name())));
      }
    }
    return flagged;
  }
}

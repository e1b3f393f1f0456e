package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An amount is only a number in one currency: a row mixing currencies shows MIXED and no sum.
 * Revenue and cost are each settled this way.
 */
final class Money {
  private Money() {}

  /** Turns {@code _revenue} and {@code _all_currencies} into {@code revenue} and {@code revenue_currency}. */
  static Dataset<Row> settleRevenue(Dataset<Row> sums) {
    return settle(sums, "_revenue", "_all_currencies", "revenue", "revenue_currency", "decimal(18,2)");
  }

  /** Turns {@code _cost} and {@code _cost_currencies} into {@code cost} and {@code cost_currency}. */
  static Dataset<Row> settleCost(Dataset<Row> sums) {
    return settle(sums, "_cost", "_cost_currencies", "cost", "cost_currency", "decimal(18,4)");
  }

  private static Dataset<Row> settle(Dataset<Row> sums, String sum, String currencies, String amount, String currency, String type) {
    return sums
        .withColumn(currency,
            when(expr("size(" + currencies + ") = 1"), expr(currencies + "[0]"))
                .when(expr("size(" + currencies + ") > 1"), lit(Funnels.MIXED)))
        .withColumn(amount, when(expr("size(" + currencies + ") > 1"), lit(null).cast(type)).otherwise(col(sum)))
        .drop(sum, currencies);
  }
}

package io.conversa.lake;

import org.apache.spark.sql.SparkSession;

/**
 * Whether Spark re-plans a query as it runs, for the work at hand. Adaptive execution submits the
 * map side of every shuffle and every broadcast as a job of its own, then plans the rest from what
 * they measured: on a million rows that sizes tasks and joins well, on a few hundred it is only
 * jobs. Measured on a 427-line run (docs/benchmarks.md): 371 jobs and 47.5 s adaptive, 231 jobs and
 * 39.6 s not. Both plans compute the same rows.
 */
public final class AdaptiveExecution {
  /** Rows of input from which a stage re-plans as it runs. */
  public static final long ADAPT_FROM_ROWS = 20_000;

  private AdaptiveExecution() {}

  /** For work over gold alone: thousands of rows, never enough for re-planning to pay. */
  public static void off(SparkSession spark) {
    fitTo(spark, 0);
  }

  /** Adaptive execution on when {@code rows} reach {@link #ADAPT_FROM_ROWS}, else off. */
  public static void fitTo(SparkSession spark, long rows) {
    spark.conf().set("spark.sql.adaptive.enabled", Boolean.toString(rows >= ADAPT_FROM_ROWS));
  }
}

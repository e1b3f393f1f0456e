package io.conversa.lake;

import org.apache.spark.sql.SparkSession;

/**
 * Whether Spark compiles its plans to Java for the work at hand. Compiling (Janino, then the JIT
 * on the generated classes) is a fixed cost of tens of seconds per run on two cores; it pays on a
 * million rows and is pure cost on a few hundred. Measured (docs/benchmarks.md): a 427-line run
 * took 118 s interpreted against 141-159 s compiled; at 100,000 lines ingest and refine were still
 * faster interpreted (43.7 and 46.5 s against 51.8 and 53.4 s), aggregate slower (90.6 against
 * 80.6 s). Both ways compute the same rows: Spark evaluates every expression either way.
 */
public final class CodeGeneration {
  private CodeGeneration() {}

  /** Compiles plans when {@code rows} reach {@code compileFrom}, else interprets them. */
  public static void fitTo(SparkSession spark, long rows, long compileFrom) {
    boolean compile = rows >= compileFrom;
    spark.conf().set("spark.sql.codegen.wholeStage", Boolean.toString(compile));
    // Spark's own setting: FALLBACK compiles each expression (and interprets only what fails to
    // compile), NO_CODEGEN interprets them.
    spark.conf().set("spark.sql.codegen.factoryMode", compile ? "FALLBACK" : "NO_CODEGEN");
  }

  /** For work over gold alone: its aggregates are thousands of rows, never enough to pay for compiling. */
  public static void interpret(SparkSession spark) {
    fitTo(spark, 0, 1);
  }

  /** Whether plans are compiled now. */
  public static boolean compiles(SparkSession spark) {
    return Boolean.parseBoolean(spark.conf().get("spark.sql.codegen.wholeStage", "true"));
  }
}

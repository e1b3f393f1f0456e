package io.conversa.sql;

import io.conversa.common.Errors;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;

/**
 * The analyst's boundary: {@code conversa sql} reads the registered tables and nothing else. A
 * statement runs only when it is on an allowlist, never because it is missing from a denylist:
 *
 * <ul>
 *   <li>a query whose parsed and analysed plans hold only the read-only steps {@link
 *       ReadOnlyPlan} knows, over the registered tables at their current version, with no
 *       expression that calls Java, a process or a file, or raises its own error;
 *   <li>{@code SHOW} and {@code DESCRIBE} of the registered tables and their layers, and {@code
 *       EXPLAIN} or {@code DESCRIBE QUERY} of an accepted query.
 * </ul>
 *
 * Everything else ({@code TRANSFORM ... USING}, DDL, DML, {@code RESTORE}, {@code CLONE}, {@code
 * SET}, change feeds, history, files by path, time travel) is refused with the reason, exit 2.
 * A statement is parsed and analysed, never run, before it is accepted. Parsing and analysis run
 * on a thread with a deep stack, and trees deeper than {@link SqlLimits} allows are refused, so a
 * hostile nesting ends in a usage error instead of a {@code StackOverflowError}.
 *
 * <p>The session is locked as well ({@link #lockDown}): SQL on files off and the reflection
 * functions dropped, so a statement the check would miss still cannot read a file or call Java.
 */
public final class ReadOnlySql {
  /** Statements that only describe: allowed at the root of a plan, their names checked. */
  private static final Set<String> INSPECTIONS = Set.of(
      "ShowTables", "ShowTablesExtended", "ShowViews", "ShowNamespaces", "ShowColumns", "ShowTableProperties",
      "ShowFunctions", "ShowCreateTable", "ShowPartitions", "DescribeRelation", "DescribeColumn", "DescribeNamespace",
      "DescribeFunction");
  /** Functions that call any Java method, e.g. System.getenv: dropped from the session. */
  static final List<String> JAVA_CALLS = List.of("reflect", "java_method", "try_reflect");
  /** Stack of the thread that parses, analyses and runs a statement: trees up to the limits fit. */
  private static final long STACK_BYTES = 256L << 20;

  private final ReadOnlyPlan plans;

  /**
   * @param tables the qualified names of the registered tables, e.g. {@code gold.campaign_funnel}
   */
  public ReadOnlySql(List<String> tables) {
    this.plans = new ReadOnlyPlan(Set.copyOf(tables.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList()));
  }

  /** No SQL over files, no function that calls Java, in this session from now on. */
  public static void lockDown(SparkSession spark) {
    spark.conf().set("spark.sql.runSQLOnFiles", "false");
    for (String name : JAVA_CALLS) {
      FunctionIdentifier function = FunctionIdentifier.apply(name);
      if (spark.sessionState().functionRegistry().functionExists(function)) {
        spark.sessionState().functionRegistry().dropFunction(function);
      }
    }
  }

  /** Refuses (a usage error, exit 2) a statement that would do more than read the lake's tables. */
  public void check(SparkSession spark, String statement) {
    onDeepStack(() -> {
      checkOnThisThread(spark, statement);
      return null;
    });
  }

  /**
   * Runs {@code work} (parsing, analysis, planning and printing of a statement) on a thread with
   * a deep stack: Spark's parser and analyser recurse once per level of a tree, and the limits
   * let through what a deep stack can hold.
   */
  public static <T> T onDeepStack(Supplier<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(work.get());
      } catch (StackOverflowError tooDeep) {
        failure.set(SqlLimits.tooDeep());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "conversa-sql", STACK_BYTES);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running a statement", e);
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (t instanceof Error error) {
      throw error;
    }
    if (t != null) {
      throw new StatementFailed(t);
    }
    return result.get();
  }

  /**
   * Checks {@code statement}, runs it and hands its result to {@code consume}, all on the deep
   * stack. A failure while it runs is reported by Spark's error class only: a task's error can
   * quote the data it failed on, or the text the query chose.
   */
  public <T> T run(SparkSession spark, String statement, java.util.function.Function<Dataset<Row>, T> consume) {
    return onDeepStack(() -> {
      checkOnThisThread(spark, statement);
      Dataset<Row> result;
      try {
        result = spark.sql(statement);
      } catch (Exception e) { // AnalysisException, thrown unchecked by Scala
        if (!(e instanceof org.apache.spark.sql.AnalysisException)) {
          throw e;
        }
        throw Errors.usage("SQL error: " + e.getMessage().lines().findFirst().orElse(""),
            "tables are " + plans.tables().stream().sorted().toList() + "; see `conversa sql --help`.");
      }
      try {
        return consume.apply(result);
      } catch (io.conversa.common.ConversaException known) {
        throw known;
      } catch (Exception failed) { // Spark's Scala code throws SparkException unchecked
        throw Errors.runFailed("the query failed while running (" + errorClassOf(failed) + ").",
            "check the query's casts, divisions and arguments; the error's text is not shown, since it can quote the data.", null);
      }
    });
  }

  /** Spark's error class of a failure (DIVIDE_BY_ZERO, CAST_INVALID_INPUT, ...), else its type. */
  private static String errorClassOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof org.apache.spark.SparkThrowable spark && spark.getErrorClass() != null) {
        return spark.getErrorClass();
      }
    }
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }

  private void checkOnThisThread(SparkSession spark, String statement) {
    SqlLimits.checkText(statement);
    LogicalPlan plan;
    try {
      plan = spark.sessionState().sqlParser().parsePlan(statement);
    } catch (ParseException e) {
      throw Errors.usage("SQL error: " + e.getMessage().lines().findFirst().orElse(""), "see `conversa sql --help`.");
    }
    SqlLimits.checkDepth(plan);
    String root = plan.getClass().getSimpleName();
    if (plan instanceof ExplainCommand explain) {
      checkQuery(spark, explain.logicalPlan());
    } else if (plan instanceof DescribeQueryCommand describe) {
      checkQuery(spark, describe.plan());
    } else if (INSPECTIONS.contains(root)) {
      plans.checkInspection(plan);
    } else {
      checkQuery(spark, plan);
    }
  }

  private void checkQuery(SparkSession spark, LogicalPlan parsed) {
    plans.checkParsed(parsed);
    LogicalPlan analysed;
    try {
      analysed = spark.sessionState().executePlan(parsed, CommandExecutionMode.SKIP()).analyzed();
    } catch (Exception e) { // AnalysisException, thrown unchecked by Scala
      if (!(e instanceof org.apache.spark.sql.AnalysisException)) {
        throw e;
      }
      throw Errors.usage("SQL error: " + e.getMessage().lines().findFirst().orElse(""),
          "tables are " + plans.tables().stream().sorted().toList() + "; see `conversa sql --help`.");
    }
    SqlLimits.checkDepth(analysed);
    plans.checkAnalysed(analysed);
  }

  static RuntimeException refused(String why) {
    return Errors.usage("sql is read-only: " + why + ".",
        "conversa sql runs SELECT, SHOW, DESCRIBE and EXPLAIN over bronze.*, silver.* and gold.* as they are now; changes"
            + " belong to the commands that make them (ingest, refine, aggregate, maintain).");
  }

  /** A checked exception a statement's work threw (Spark's Scala code throws them unchecked). */
  public static final class StatementFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StatementFailed(Throwable cause) {
      super(cause);
    }
  }
}

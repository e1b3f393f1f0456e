package io.conversa.sql;

import io.conversa.common.Errors;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.execution.command.ExplainCommand;
import scala.collection.JavaConverters;

/**
 * The analyst's boundary: {@code conversa sql} reads the registered tables and nothing else. A
 * statement is parsed (never run) and let through only when it is a query or one of the
 * inspections below, names no table but the lake's registered ones, and calls no function that
 * reaches Java. Everything else (DDL, DML, {@code SET}, {@code INSERT OVERWRITE DIRECTORY},
 * {@code ADD JAR}, SQL on files such as {@code text.`path`}) is refused with the reason.
 * Maintenance belongs to the commands that do it.
 *
 * <p>The session is locked as well ({@link #lockDown}): SQL on files off and the reflection
 * functions dropped, so a statement the check would miss still cannot read a file or the
 * environment.
 */
public final class ReadOnlySql {
  /** Statements that only describe: allowed at the root of a plan. */
  private static final Set<String> INSPECTIONS = Set.of(
      "ShowTables", "ShowTablesExtended", "ShowViews", "ShowNamespaces", "ShowColumns", "ShowTableProperties",
      "ShowFunctions", "ShowCreateTable", "ShowPartitions", "DescribeRelation", "DescribeColumn", "DescribeNamespace",
      "DescribeFunction", "DescribeQueryCommand", "ExplainCommand");
  /** Functions that call any Java method, e.g. System.getenv: dropped from the session. */
  private static final List<String> JAVA_CALLS = List.of("reflect", "java_method", "try_reflect");

  private final Set<String> tables;

  /** @param tables the qualified names of the registered tables, e.g. {@code gold.campaign_funnel} */
  public ReadOnlySql(List<String> tables) {
    this.tables = Set.copyOf(tables.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
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
    LogicalPlan plan;
    try {
      plan = spark.sessionState().sqlParser().parsePlan(statement);
    } catch (ParseException e) {
      throw Errors.usage("SQL error: " + e.getMessage().lines().findFirst().orElse(""), "see `conversa sql --help`.");
    }
    String root = plan.getClass().getSimpleName();
    if (INSPECTIONS.contains(root)) {
      if (plan instanceof ExplainCommand explain) {
        checkQuery(explain.logicalPlan());
      } else {
        checkNames(plan);
      }
      return;
    }
    checkQuery(plan);
  }

  private void checkQuery(LogicalPlan plan) {
    String name = plan.getClass().getSimpleName();
    if (plan instanceof Command || plan instanceof ParsedStatement || name.startsWith("Insert")) {
      throw refused(describe(name) + " changes or reaches outside the lake's tables");
    }
    checkNode(plan);
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      checkQuery(child);
    }
    for (Object inner : JavaConverters.seqAsJavaList(plan.innerChildren())) {
      if (inner instanceof LogicalPlan innerPlan) {
        checkQuery(innerPlan); // WITH's common table expressions
      }
    }
    for (LogicalPlan subquery : JavaConverters.seqAsJavaList(plan.subqueries())) {
      checkQuery(subquery);
    }
  }

  /** Names in an inspection (DESCRIBE t, SHOW COLUMNS IN t) are checked like a query's. */
  private void checkNames(LogicalPlan plan) {
    checkNode(plan);
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      checkNames(child);
    }
  }

  private void checkNode(LogicalPlan plan) {
    List<String> identifier = identifierOf(plan);
    if (identifier != null && identifier.size() > 1) {
      String qualified = String.join(".", identifier).toLowerCase(Locale.ROOT);
      if (!tables.contains(qualified)) {
        throw refused("`" + String.join(".", identifier) + "` is not one of the lake's tables (" + String.join(", ", tables.stream().sorted().toList())
            + "); files and other catalogs are not readable from sql");
      }
    }
    for (Expression expression : JavaConverters.seqAsJavaList(plan.expressions())) {
      checkExpression(expression);
    }
  }

  private void checkExpression(Expression expression) {
    if (expression instanceof UnresolvedFunction function) {
      List<String> parts = JavaConverters.seqAsJavaList(function.nameParts());
      String name = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
      if (JAVA_CALLS.contains(name)) {
        throw refused(name + "() calls Java methods");
      }
    }
    for (Expression child : JavaConverters.seqAsJavaList(expression.children())) {
      checkExpression(child);
    }
  }

  /** The table name an unresolved relation, table or view node refers to; null for other nodes. */
  @SuppressWarnings("unchecked")
  private static List<String> identifierOf(QueryPlan<?> plan) {
    if (!plan.getClass().getSimpleName().startsWith("Unresolved")) {
      return null;
    }
    try {
      Object identifier = plan.getClass().getMethod("multipartIdentifier").invoke(plan);
      return JavaConverters.seqAsJavaList((scala.collection.Seq<String>) identifier);
    } catch (ReflectiveOperationException notARelation) {
      return null;
    }
  }

  private static String describe(String planName) {
    return planName.replaceAll("(Command|Statement)$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
  }

  private static RuntimeException refused(String why) {
    return Errors.usage("sql is read-only: " + why + ".",
        "conversa sql runs SELECT, SHOW, DESCRIBE and EXPLAIN over bronze.*, silver.* and gold.*; changes belong to"
            + " the commands that make them (ingest, refine, aggregate).");
  }
}

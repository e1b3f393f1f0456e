package io.conversa.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import scala.collection.JavaConverters;

/**
 * The allowlists of {@link ReadOnlySql}: the plan steps a read-only query is made of, before and
 * after analysis, and what an inspection ({@code SHOW}, {@code DESCRIBE}) may name. A step not
 * listed here is refused, so a new Spark or Delta statement is refused until someone decides it
 * only reads.
 */
final class ReadOnlyPlan {
  /** Steps of a parsed query. */
  private static final Set<String> PARSED_STEPS = Set.of(
      "Project", "Filter", "Aggregate", "Join", "LateralJoin", "Sort", "GlobalLimit", "LocalLimit", "Offset", "Tail",
      "Distinct", "Deduplicate", "Union", "Intersect", "Except", "SubqueryAlias", "UnresolvedRelation", "OneRowRelation",
      "UnresolvedInlineTable", "LocalRelation", "UnresolvedWith", "CTERelationDef", "UnresolvedHaving", "WithWindowDefinition",
      "Window", "Generate", "UnresolvedTableValuedFunction", "UnresolvedTVFAliases", "UnresolvedSubqueryColumnAliases", "Pivot",
      "Unpivot", "Sample", "RepartitionByExpression", "Repartition", "RebalancePartitions", "UnresolvedHint", "Expand");
  /** Steps of an analysed query; relations are checked on their own ({@link #checkRelation}). */
  private static final Set<String> ANALYSED_STEPS = Set.of(
      "Project", "Filter", "Aggregate", "Join", "LateralJoin", "Sort", "GlobalLimit", "LocalLimit", "Offset", "Tail",
      "Distinct", "Deduplicate", "Union", "Intersect", "Except", "SubqueryAlias", "OneRowRelation", "LocalRelation",
      "WithCTE", "CTERelationDef", "CTERelationRef", "Window", "WithWindowDefinition", "Generate", "Range", "Expand", "Sample",
      "RepartitionByExpression", "Repartition", "RebalancePartitions", "ResolvedHint", "LogicalRelation");
  /** Table-valued functions that make rows from their arguments and read nothing. */
  private static final Set<String> GENERATORS = Set.of(
      "range", "explode", "explode_outer", "posexplode", "posexplode_outer", "inline", "inline_outer", "stack", "json_tuple");
  /**
   * Expressions with effects beyond their value: calls of Java methods and user code, the names
   * of the files a row came from, errors whose text the query chooses (Spark logs them).
   */
  private static final Set<String> EFFECTFUL_EXPRESSIONS = Set.of(
      "CallMethodViaReflection", "ScalaUDF", "ScalaUDAF", "ScalaAggregator", "PythonUDF", "PythonUDAF", "HiveSimpleUDF",
      "HiveGenericUDF", "HiveUDAFFunction", "HiveGenericUDTF", "InputFileName", "InputFileBlockStart", "InputFileBlockLength",
      "RaiseError", "AssertTrue");
  /** The same, by the names a query calls them: refused before analysis. */
  private static final Set<String> EFFECTFUL_FUNCTIONS = Set.of(
      "reflect", "java_method", "try_reflect", "input_file_name", "input_file_block_start", "input_file_block_length",
      "raise_error", "assert_true");
  /** The layers whose tables the lake registers: the namespaces an inspection may name. */
  private static final Set<String> LAYERS = Set.of("bronze", "silver", "gold");

  private final Set<String> tables;

  ReadOnlyPlan(Set<String> tables) {
    this.tables = tables;
  }

  Set<String> tables() {
    return tables;
  }

  /** A parsed query: listed steps, registered tables by name, no effectful function. */
  void checkParsed(LogicalPlan plan) {
    String step = plan.getClass().getSimpleName();
    if (step.equals("RelationTimeTravel")) {
      throw ReadOnlySql.refused("time travel (VERSION AS OF, TIMESTAMP AS OF) reads an earlier release; gold is read as released now");
    }
    if (!PARSED_STEPS.contains(step)) {
      throw ReadOnlySql.refused(describe(step) + " is not a read-only query step");
    }
    if (plan instanceof UnresolvedTableValuedFunction function) {
      String name = last(JavaConverters.seqAsJavaList(function.name()));
      if (!GENERATORS.contains(name)) {
        throw ReadOnlySql.refused(name + "() reads outside the registered tables (change feeds, files, paths)");
      }
    }
    checkName(plan);
    for (Expression expression : JavaConverters.seqAsJavaList(plan.expressions())) {
      checkParsedExpression(expression);
    }
    forEachInner(plan, this::checkParsed);
  }

  /** An analysed query: listed steps, relations of registered tables at their current version. */
  void checkAnalysed(LogicalPlan plan) {
    String step = plan.getClass().getSimpleName();
    if (!ANALYSED_STEPS.contains(step)) {
      throw ReadOnlySql.refused(describe(step) + " is not a read-only query step");
    }
    if (plan instanceof LogicalRelation relation) {
      checkRelation(relation);
    }
    for (Expression expression : JavaConverters.seqAsJavaList(plan.expressions())) {
      expression.foreach(e -> {
        if (EFFECTFUL_EXPRESSIONS.contains(e.getClass().getSimpleName())) {
          throw ReadOnlySql.refused(e.prettyName() + " calls code, reads a file's name or raises its own error");
        }
        return null;
      });
    }
    forEachInner(plan, this::checkAnalysed);
  }

  /** SHOW and DESCRIBE: every table they name is registered, every namespace a layer. */
  void checkInspection(LogicalPlan plan) {
    if (plan instanceof UnresolvedNamespace namespace) {
      List<String> parts = JavaConverters.seqAsJavaList(namespace.multipartIdentifier());
      if (!parts.isEmpty() && (parts.size() > 1 || !LAYERS.contains(parts.get(0).toLowerCase(Locale.ROOT)))) {
        throw ReadOnlySql.refused("`" + String.join(".", parts) + "` is not one of the lake's layers (bronze, silver, gold)");
      }
    }
    checkName(plan);
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      String step = child.getClass().getSimpleName();
      if (!step.startsWith("Unresolved")) {
        throw ReadOnlySql.refused(describe(step) + " is not something conversa sql describes");
      }
      checkInspection(child);
    }
  }

  private void checkRelation(LogicalRelation relation) {
    CatalogTable table = relation.catalogTable().isDefined() ? relation.catalogTable().get() : null;
    String name = table == null ? null : table.identifier().database().getOrElse(() -> "") + "." + table.identifier().table();
    boolean current = relation.relation() instanceof HadoopFsRelation files
        && files.location().getClass().getSimpleName().equals("TahoeLogFileIndex");
    if (name == null || !tables.contains(name.toLowerCase(Locale.ROOT)) || !current) {
      throw ReadOnlySql.refused("a query reads the registered tables as they are now; this one reads "
          + (name == null ? "files by path" : "`" + name + "` through a change feed or an earlier version"));
    }
  }

  /** A table a step names by identifier must be registered; one-part names are CTEs or resolved later. */
  private void checkName(QueryPlan<?> plan) {
    List<String> identifier = identifierOf(plan);
    if (identifier != null && identifier.size() > 1) {
      String qualified = String.join(".", identifier).toLowerCase(Locale.ROOT);
      if (!tables.contains(qualified)) {
        throw ReadOnlySql.refused("`" + String.join(".", identifier) + "` is not one of the lake's tables (" + String.join(", ",
            tables.stream().sorted().toList()) + "); files and other catalogs are not readable from sql");
      }
    }
  }

  private static void checkParsedExpression(Expression expression) {
    expression.foreach(e -> {
      if (e instanceof UnresolvedFunction function) {
        String name = last(JavaConverters.seqAsJavaList(function.nameParts()));
        if (EFFECTFUL_FUNCTIONS.contains(name)) {
          throw ReadOnlySql.refused(name + "() calls Java, reads a file's name or raises its own error");
        }
      }
      return null;
    });
  }

  /** Children, common table expressions and subqueries: every plan a statement holds. */
  private static void forEachInner(LogicalPlan plan, java.util.function.Consumer<LogicalPlan> check) {
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      check.accept(child);
    }
    for (Object inner : JavaConverters.seqAsJavaList(plan.innerChildren())) {
      if (inner instanceof LogicalPlan innerPlan) {
        check.accept(innerPlan);
      }
    }
    for (LogicalPlan subquery : JavaConverters.seqAsJavaList(plan.subqueries())) {
      check.accept(subquery);
    }
  }

  /** The table name an unresolved relation, table or view node refers to; null for other nodes. */
  @SuppressWarnings("unchecked")
  private static List<String> identifierOf(QueryPlan<?> plan) {
    if (!plan.getClass().getSimpleName().startsWith("Unresolved") || plan instanceof UnresolvedNamespace) {
      return null;
    }
    try {
      Object identifier = plan.getClass().getMethod("multipartIdentifier").invoke(plan);
      return JavaConverters.seqAsJavaList((scala.collection.Seq<String>) identifier);
    } catch (ReflectiveOperationException notARelation) {
      return null;
    }
  }

  private static String last(List<String> parts) {
    return parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
  }

  private static String describe(String planName) {
    return planName.replaceAll("(Command|Statement)$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
  }
}

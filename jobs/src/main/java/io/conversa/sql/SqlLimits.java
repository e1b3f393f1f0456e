package io.conversa.sql;

import io.conversa.common.Errors;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.collection.JavaConverters;

/**
 * How large and how deep a statement may be. Spark's parser, analyser, optimiser and interpreted
 * evaluation each recurse once per level of a tree: 3,000 nested parentheses or 20,000 terms of a
 * sum overflow a thread's stack, and an overflow in an executor's task ends the whole JVM. No
 * analyst's query comes near these limits.
 */
final class SqlLimits {
  /** Characters of one statement. */
  static final int MAX_CHARACTERS = 1_000_000;
  /** Parentheses open at once, counted in the text before parsing. */
  static final int MAX_PARENTHESES = 200;
  /** Levels of a plan and its expressions, counted on the parsed and the analysed plan. */
  static final int MAX_DEPTH = 400;

  private SqlLimits() {}

  /** Refuses a statement too long or nested too deeply to parse safely. */
  static void checkText(String statement) {
    if (statement.length() > MAX_CHARACTERS) {
      throw Errors.usage("the statement has " + statement.length() + " characters; conversa sql takes at most " + MAX_CHARACTERS + ".",
          "split it, or compute the long part in a view of your own tool.");
    }
    int depth = 0;
    int deepest = 0;
    char quote = 0;
    for (int i = 0; i < statement.length(); i++) {
      char c = statement.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '(') {
        deepest = Math.max(deepest, ++depth);
      } else if (c == ')') {
        depth--;
      }
    }
    if (deepest > MAX_PARENTHESES) {
      throw tooDeep();
    }
  }

  /** Refuses a plan whose steps and expressions nest deeper than {@link #MAX_DEPTH}. */
  static void checkDepth(LogicalPlan plan) {
    if (depth(plan, 0) > MAX_DEPTH) {
      throw tooDeep();
    }
  }

  static RuntimeException tooDeep() {
    return Errors.usage("the statement nests too deeply: conversa sql takes at most " + MAX_PARENTHESES
            + " parentheses open at once and " + MAX_DEPTH + " levels of steps and operators (a sum of 1,000 terms is 1,000 levels).",
        "write long sums as sum() over rows or split the expression into named columns of a subquery.");
  }

  /** The deepest level below {@code plan}, stopping as soon as it passes the limit. */
  private static int depth(LogicalPlan plan, int level) {
    int deepest = level;
    if (level > MAX_DEPTH) {
      return level;
    }
    for (Expression expression : JavaConverters.seqAsJavaList(plan.expressions())) {
      deepest = Math.max(deepest, depth(expression, level + 1));
    }
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      deepest = Math.max(deepest, depth(child, level + 1));
    }
    return deepest;
  }

  private static int depth(Expression expression, int level) {
    int deepest = level;
    if (level > MAX_DEPTH) {
      return level;
    }
    for (Expression child : JavaConverters.seqAsJavaList(expression.children())) {
      deepest = Math.max(deepest, depth(child, level + 1));
      if (deepest > MAX_DEPTH) {
        return deepest;
      }
    }
    return deepest;
  }
}

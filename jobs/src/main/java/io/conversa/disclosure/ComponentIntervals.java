package io.conversa.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The feasible interval of every withheld figure of one {@link Component}: published values are
 * constants, withheld figures are the LP's non-negative variables, the component's relations its
 * constraints. One constraint set serves the 2·n LPs (minimise and maximise each variable).
 *
 * <p>A variable that is the only unknown of an equality is known exactly without an LP; a
 * component of one variable needs no LP at all, its bounds are read off each constraint.
 *
 * <p>commons-math3 3.6.1 reads the solution off the final tableau by looking for unit columns,
 * ignoring the objective row: a non-basic variable whose column equals a basic one's (two cells
 * in the same relations only, the usual case here) takes that one's value, and the optimum it
 * reports is too small (max of {@code x2} subject to {@code x1 + x2 + x3 = 35} comes back 0). The
 * LP therefore runs on {@code z_j = x_j / s_j} with distinct irrational scales {@code s_j}: no two
 * columns are equal and none is a unit vector, so the extraction cannot mistake one for another.
 * Every reported optimum is also checked to be attained by a feasible point, so an interval can
 * never come out wider than the truth.
 */
final class ComponentIntervals {
  private static final int MAX_ITERATIONS = 100_000;
  private static final double COEFFICIENT_CUTOFF = 1e-10;

  private final Release release;
  private final Component component;
  private final int n;
  private final List<double[]> rows = new ArrayList<>();
  private final List<Relationship> senses = new ArrayList<>();
  private final List<Double> constants = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final double tolerance;
  private final double[] scales;

  private ComponentIntervals(Release release, Component component) {
    this.release = release;
    this.component = component;
    this.n = component.variables().length;
    double scale = 1;
    for (int r : component.relations()) {
      Relation relation = release.relations().get(r);
      int[] figures = release.figuresOfRelation(r);
      double[] row = new double[n];
      double constant = 0;
      for (int t = 0; t < figures.length; t++) {
        double c = relation.terms().get(t).coefficient();
        if (release.withheldAt(figures[t])) {
          row[local(figures[t])] += c;
        } else {
          constant -= c * release.figureAt(figures[t]).value();
        }
        scale = Math.max(scale, Math.abs(c));
      }
      scale = Math.max(scale, Math.abs(constant));
      rows.add(row);
      senses.add(relation.sense() == Relation.Sense.EQUAL ? Relationship.EQ : Relationship.LEQ);
      constants.add(constant);
      names.add(relation.name());
    }
    this.tolerance = Protection.TOLERANCE * scale;
    this.scales = new double[n];
    for (int j = 0; j < n; j++) {
      scales[j] = 1 + Math.sqrt(2) * (j + 1) / (4.0 * (n + 1));
    }
  }

  /** Intervals of the component's variables, in the order of {@link Component#variables()}. */
  static Interval[] solve(Release release, Component component) {
    return new ComponentIntervals(release, component).solve();
  }

  private Interval[] solve() {
    if (n == 1) {
      return new Interval[] {singleVariable()};
    }
    Interval[] out = new Interval[n];
    boolean anyLp = false;
    LinearConstraintSet constraints = null;
    for (int j = 0; j < n; j++) {
      Double exact = exactValue(j);
      if (exact != null) {
        out[j] = new Interval(exact, exact);
        continue;
      }
      if (constraints == null) {
        constraints = constraintSet();
      }
      anyLp = true;
      double lower = Math.max(0, optimise(constraints, j, GoalType.MINIMIZE));
      double upper = optimise(constraints, j, GoalType.MAXIMIZE);
      out[j] = new Interval(lower, Math.max(lower, upper));
    }
    if (!anyLp) {
      checkSatisfied(out);
    }
    return out;
  }

  /** Bounds of a lone unknown straight from each of its constraints. */
  private Interval singleVariable() {
    double lower = 0;
    double upper = Double.POSITIVE_INFINITY;
    for (int i = 0; i < rows.size(); i++) {
      double c = rows.get(i)[0];
      double b = constants.get(i);
      if (Math.abs(c) <= COEFFICIENT_CUTOFF) {
        checkEmptyRow(i);
        continue;
      }
      double bound = b / c;
      if (senses.get(i) == Relationship.EQ) {
        lower = Math.max(lower, bound);
        upper = Math.min(upper, bound);
      } else if (c > 0) {
        upper = Math.min(upper, bound);
      } else {
        lower = Math.max(lower, bound);
      }
    }
    if (lower > upper + tolerance) {
      throw inconsistent("the only unknown would have to lie in [" + lower + ", " + upper + "]");
    }
    return new Interval(Math.max(0, Math.min(lower, upper)), Math.max(lower, upper));
  }

  /** The value of variable {@code j} when an equality has it as its only unknown. */
  private Double exactValue(int j) {
    for (int i = 0; i < rows.size(); i++) {
      if (senses.get(i) != Relationship.EQ || Math.abs(rows.get(i)[j]) <= COEFFICIENT_CUTOFF) {
        continue;
      }
      boolean alone = true;
      for (int other = 0; other < n && alone; other++) {
        alone = other == j || Math.abs(rows.get(i)[other]) <= COEFFICIENT_CUTOFF;
      }
      if (alone) {
        double value = constants.get(i) / rows.get(i)[j];
        if (value < -tolerance) {
          throw inconsistent(names.get(i) + " makes a figure negative (" + value + ")");
        }
        return Math.max(0, value);
      }
    }
    return null;
  }

  private LinearConstraintSet constraintSet() {
    List<LinearConstraint> list = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      if (Arrays.stream(rows.get(i)).allMatch(c -> Math.abs(c) <= COEFFICIENT_CUTOFF)) {
        checkEmptyRow(i);
        continue;
      }
      double[] scaled = new double[n];
      for (int j = 0; j < n; j++) {
        scaled[j] = rows.get(i)[j] * scales[j];
      }
      list.add(new LinearConstraint(scaled, senses.get(i), constants.get(i)));
    }
    return new LinearConstraintSet(list);
  }

  private double optimise(LinearConstraintSet constraints, int j, GoalType goal) {
    double[] unit = new double[n];
    unit[j] = scales[j];
    LinearObjectiveFunction objective = new LinearObjectiveFunction(unit, 0);
    PointValuePair solution;
    try {
      try {
        solution = optimise(constraints, objective, goal, PivotSelectionRule.DANTZIG);
      } catch (TooManyIterationsException cycling) {
        // Degenerate LPs (many zeros) can cycle under Dantzig's rule; Bland's rule cannot.
        solution = optimise(constraints, objective, goal, PivotSelectionRule.BLAND);
      }
    } catch (UnboundedSolutionException unbounded) {
      return Double.POSITIVE_INFINITY;
    } catch (NoFeasibleSolutionException infeasible) {
      throw inconsistent("the LP has no feasible solution");
    }
    checkAttained(solution.getPoint(), j, solution.getValue());
    return solution.getValue();
  }

  /** The solver's point must satisfy every constraint and give the optimum it reports. */
  private void checkAttained(double[] z, int j, double optimum) {
    boolean holds = z[j] * scales[j] - optimum <= tolerance && optimum - z[j] * scales[j] <= tolerance;
    for (int i = 0; i < rows.size() && holds; i++) {
      double lhs = 0;
      for (int v = 0; v < n; v++) {
        holds &= z[v] >= -tolerance;
        lhs += rows.get(i)[v] * scales[v] * z[v];
      }
      double slack = constants.get(i) - lhs;
      holds &= senses.get(i) == Relationship.EQ ? Math.abs(slack) <= tolerance : slack >= -tolerance;
    }
    if (!holds) {
      throw new IllegalStateException("the LP solver reported an optimum of " + optimum + " for "
          + release.figureAt(component.variables()[j]) + " that no feasible point attains;"
          + " relations " + names);
    }
  }

  private static PointValuePair optimise(LinearConstraintSet constraints,
      LinearObjectiveFunction objective, GoalType goal, PivotSelectionRule rule) {
    return new SimplexSolver().optimize(new MaxIter(MAX_ITERATIONS), objective, constraints, goal,
        new NonNegativeConstraint(true), rule);
  }

  private void checkEmptyRow(int i) {
    double b = constants.get(i);
    boolean holds = senses.get(i) == Relationship.EQ ? Math.abs(b) <= tolerance : b >= -tolerance;
    if (!holds) {
      throw inconsistent(names.get(i) + " does not hold between its published figures");
    }
  }

  private void checkSatisfied(Interval[] exact) {
    for (int i = 0; i < rows.size(); i++) {
      double lhs = 0;
      for (int j = 0; j < n; j++) {
        lhs += rows.get(i)[j] * exact[j].lower();
      }
      double slack = constants.get(i) - lhs;
      boolean holds = senses.get(i) == Relationship.EQ
          ? Math.abs(slack) <= tolerance : slack >= -tolerance;
      if (!holds) {
        throw inconsistent(names.get(i) + " does not hold with the values its equalities force");
      }
    }
  }

  private IllegalStateException inconsistent(String why) {
    List<String> figures = new ArrayList<>();
    for (int v : component.variables()) {
      figures.add(release.figureAt(v).toString());
    }
    return new IllegalStateException("the published values contradict the relations (a bug in"
        + " the figures or the relations, not something suppression can fix): " + why
        + "; relations " + names + "; withheld figures " + figures);
  }

  private int local(int figure) {
    int j = Arrays.binarySearch(component.variables(), figure);
    if (j < 0) {
      throw new IllegalStateException("figure " + release.figureAt(figure)
          + " is withheld but not in its relation's component");
    }
    return j;
  }
}

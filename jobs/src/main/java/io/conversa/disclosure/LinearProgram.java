package io.conversa.disclosure;

import java.util.ArrayList;
import java.util.List;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * A linear programme as disclosure control writes one: non-negative variables, linear rows with
 * bounds, one objective. The one seam to the solver (OR-tools' GLOP); nothing else in
 * conversa sees it, and nothing trusts its answer unchecked: {@link #holds} verifies a solution
 * against every row, so a solver's slip can only make conversa withhold more, never less.
 */
final class LinearProgram {
  /** Absolute slack for round-off, relative to the largest constant of the programme. */
  static final double TOLERANCE = 1e-6;

  private final List<double[]> bounds = new ArrayList<>();
  private final List<int[]> rowVariables = new ArrayList<>();
  private final List<double[]> rowCoefficients = new ArrayList<>();
  private final List<double[]> rowBounds = new ArrayList<>();
  private final List<Double> objective = new ArrayList<>();
  private double scale = 1;
  private boolean unbounded;

  /** A new variable in [lower, upper] (upper may be infinite); its index. */
  int variable(double lower, double upper) {
    bounds.add(new double[] {lower, upper});
    objective.add(0.0);
    return bounds.size() - 1;
  }

  int size() {
    return bounds.size();
  }

  /** {@code lower ≤ Σ coefficients·variables ≤ upper}; either bound may be infinite. */
  void row(int[] variables, double[] coefficients, double lower, double upper) {
    java.util.Map<Integer, Double> merged = new java.util.LinkedHashMap<>();
    for (int t = 0; t < variables.length; t++) {
      merged.merge(variables[t], coefficients[t], Double::sum);
    }
    rowVariables.add(merged.keySet().stream().mapToInt(Integer::intValue).toArray());
    rowCoefficients.add(merged.values().stream().mapToDouble(Double::doubleValue).toArray());
    rowBounds.add(new double[] {lower, upper});
    if (Double.isFinite(lower)) {
      scale = Math.max(scale, Math.abs(lower));
    }
    if (Double.isFinite(upper)) {
      scale = Math.max(scale, Math.abs(upper));
    }
  }

  void objective(int variable, double coefficient) {
    objective.set(variable, objective.get(variable) + coefficient);
  }

  /** The optimum, or null when the programme has none (infeasible, unbounded, or the solver gave up). */
  double[] minimise() {
    return solve(false);
  }

  double[] maximise() {
    return solve(true);
  }

  private double[] solve(boolean maximise) {
    loadSolver();
    MPSolver solver = MPSolver.createSolver("GLOP");
    try {
      MPVariable[] variables = new MPVariable[bounds.size()];
      double infinity = MPSolver.infinity();
      for (int v = 0; v < variables.length; v++) {
        double[] b = bounds.get(v);
        variables[v] = solver.makeNumVar(b[0], Double.isFinite(b[1]) ? b[1] : infinity, "");
      }
      for (int r = 0; r < rowVariables.size(); r++) {
        double[] b = rowBounds.get(r);
        MPConstraint constraint = solver.makeConstraint(Double.isFinite(b[0]) ? b[0] : -infinity, Double.isFinite(b[1]) ? b[1] : infinity, "");
        int[] vars = rowVariables.get(r);
        double[] coefficients = rowCoefficients.get(r);
        for (int t = 0; t < vars.length; t++) {
          constraint.setCoefficient(variables[vars[t]], coefficients[t]);
        }
      }
      MPObjective goal = solver.objective();
      for (int v = 0; v < variables.length; v++) {
        if (objective.get(v) != 0) {
          goal.setCoefficient(variables[v], objective.get(v));
        }
      }
      if (maximise) {
        goal.setMaximization();
      } else {
        goal.setMinimization();
      }
      MPSolver.ResultStatus status = solver.solve();
      unbounded = status == MPSolver.ResultStatus.UNBOUNDED;
      if (status != MPSolver.ResultStatus.OPTIMAL) {
        return null;
      }
      double[] x = new double[variables.length];
      for (int v = 0; v < x.length; v++) {
        x[v] = variables[v].solutionValue();
      }
      return holds(x) ? x : null;
    } finally {
      solver.delete();
    }
  }

  private static volatile boolean loaded;

  /** GLOP's native libraries, unpacked from their jar once per JVM (a driver, an executor). */
  private static void loadSolver() {
    if (!loaded) {
      synchronized (LinearProgram.class) {
        if (!loaded) {
          com.google.ortools.Loader.loadNativeLibraries();
          loaded = true;
        }
      }
    }
  }

  /** Whether the last solve found the objective unbounded (a figure nothing published bounds). */
  boolean unbounded() {
    return unbounded;
  }

  /** The first row {@code x} breaks, as its index, or -1 when it satisfies all. */
  int firstBroken(double[] x) {
    double tolerance = TOLERANCE * scale;
    for (int r = 0; r < rowVariables.size(); r++) {
      int[] vars = rowVariables.get(r);
      double[] coefficients = rowCoefficients.get(r);
      double sum = 0;
      for (int t = 0; t < vars.length; t++) {
        sum += coefficients[t] * x[vars[t]];
      }
      double[] b = rowBounds.get(r);
      if (sum < b[0] - tolerance || sum > b[1] + tolerance) {
        return r;
      }
    }
    return -1;
  }

  /** Whether {@code x} satisfies every bound and row, within round-off. */
  boolean holds(double[] x) {
    double tolerance = TOLERANCE * scale;
    for (int v = 0; v < x.length; v++) {
      double[] b = bounds.get(v);
      if (!Double.isFinite(x[v]) || x[v] < b[0] - tolerance || x[v] > b[1] + tolerance) {
        return false;
      }
    }
    return firstBroken(x) < 0;
  }

  double value(double[] x) {
    double sum = 0;
    for (int v = 0; v < x.length; v++) {
      sum += objective.get(v) * x[v];
    }
    return sum;
  }
}

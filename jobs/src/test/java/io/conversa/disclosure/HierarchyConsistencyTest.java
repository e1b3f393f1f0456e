package io.conversa.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A three-level hierarchy with random values (fixed seeds): 5 campaigns and their number, 28
 * days, 4 weeks, a month; days sum to weeks, weeks to the month, campaigns to the number at every
 * level. About a third of the campaign days are small (0 to 10), the rest 11 to 200. After primary
 * and complementary suppression the audit must be clean, no equality may have a lone unknown,
 * and the engine's intervals must match one LP over the whole release, without decomposition.
 */
class HierarchyConsistencyTest {
  private static final int K = 11;
  private static final int CAMPAIGNS = 5;
  private static final int DAYS = 28;
  private static final LocalDate FIRST = LocalDate.parse("2026-11-02");

  // Ids: member (campaign 0..4, number 5) × 100 + day 0..27, week 28..31, month 32.
  private static int id(int member, int slot) {
    return member * 100 + slot;
  }

  private static Release hierarchy(long seed) {
    Random random = new Random(seed);
    long[][] values = new long[CAMPAIGNS + 1][33];
    for (int c = 0; c < CAMPAIGNS; c++) {
      for (int d = 0; d < DAYS; d++) {
        values[c][d] = random.nextInt(3) == 0 ? random.nextInt(11) : 11 + random.nextInt(190);
        values[CAMPAIGNS][d] += values[c][d];
      }
    }
    for (int m = 0; m <= CAMPAIGNS; m++) {
      for (int d = 0; d < DAYS; d++) {
        values[m][28 + d / 7] += values[m][d];
        values[m][32] += values[m][d];
      }
    }
    ReleaseBuilder builder = Release.builder();
    for (int m = 0; m <= CAMPAIGNS; m++) {
      boolean number = m == CAMPAIGNS;
      String member = number ? "number" : "campaign-" + m;
      // The number's totals before campaign detail; days, then weeks, then the month.
      for (int d = 0; d < DAYS; d++) {
        builder.add(Figures.count(id(m, d), member, "day", FIRST.plusDays(d).toString(), "reached",
            values[m][d], number ? 0 : 2));
      }
      for (int w = 0; w < 4; w++) {
        builder.add(Figures.count(id(m, 28 + w), member, "week",
            FIRST.plusDays(7L * w).toString(), "reached", values[m][28 + w], number ? 3 : 5));
        List<Integer> days = new ArrayList<>();
        for (int d = 7 * w; d < 7 * w + 7; d++) {
          days.add(id(m, d));
        }
        builder.relate(Relation.sum(member + " week " + w, id(m, 28 + w), days));
      }
      builder.add(Figures.count(id(m, 32), member, "month", FIRST.toString(), "reached",
          values[m][32], number ? 6 : 7));
      builder.relate(Relation.sum(member + " month", id(m, 32),
          List.of(id(m, 28), id(m, 29), id(m, 30), id(m, 31))));
    }
    for (int slot = 0; slot <= 32; slot++) {
      List<Integer> campaigns = new ArrayList<>();
      for (int c = 0; c < CAMPAIGNS; c++) {
        campaigns.add(id(c, slot));
      }
      builder.relate(Relation.sum("number slot " + slot, id(CAMPAIGNS, slot), campaigns));
    }
    Release release = builder.build();
    Figures.primary(release, K);
    return release;
  }

  @ParameterizedTest
  @ValueSource(longs = {20261102L, 7L, 1234567L})
  void suppressionLeavesNothingDerivable(long seed) {
    Release release = hierarchy(seed);
    assertTrue(!new DisclosureAudit(K).audit(release).isEmpty(), "primary alone should leak");

    SuppressionResult result = new ComplementarySuppression(K).apply(release);

    assertTrue(result.passed(), () -> "still derivable: " + result.findings());
    assertTrue(result.primaryGroups() > 0);
    assertTrue(new DisclosureAudit(K).audit(release.copy()).isEmpty());
    assertTrue(Subtraction.leaks(release).isEmpty(), () -> "" + Subtraction.leaks(release));
    SortedMap<Integer, Interval> engine = new DisclosureAudit(K).intervals(release.copy());
    List<Integer> withheld = new ArrayList<>(engine.keySet());
    for (int i = 0; i < withheld.size(); i += Math.max(1, withheld.size() / 8)) {
      int figure = withheld.get(i);
      Interval whole = wholeReleaseInterval(release, figure);
      assertTrue(whole.width() >= K - 1e-6, () -> figure + " " + whole);
      assertEquals(whole.lower(), engine.get(figure).lower(), 1e-6, "lower of " + figure);
      assertEquals(whole.upper(), engine.get(figure).upper(), 1e-6, "upper of " + figure);
    }
  }

  /**
   * One LP over every withheld figure and every relation with one in it, no components and no
   * shortcuts. Columns are scaled (x = s·z, s distinct) for the reason ComponentIntervals gives.
   */
  private static Interval wholeReleaseInterval(Release release, int figureId) {
    List<Figure> unknowns = release.figures().stream()
        .filter(f -> release.status(f.id()) == Status.WITHHELD).toList();
    List<Integer> ids = unknowns.stream().map(Figure::id).toList();
    double[] scale = new double[ids.size()];
    for (int j = 0; j < scale.length; j++) {
      scale[j] = 1 + 0.37 * ((j * 0.6180339887) % 1);
    }
    List<LinearConstraint> constraints = new ArrayList<>();
    for (Relation relation : release.relations()) {
      double[] row = new double[ids.size()];
      double constant = 0;
      boolean any = false;
      List<Figure> figures = release.figuresOf(relation);
      for (int t = 0; t < figures.size(); t++) {
        double c = relation.terms().get(t).coefficient();
        int j = ids.indexOf(figures.get(t).id());
        if (j >= 0) {
          row[j] += c * scale[j];
          any = true;
        } else {
          constant -= c * figures.get(t).value();
        }
      }
      if (any) {
        constraints.add(new LinearConstraint(row,
            relation.sense() == Relation.Sense.EQUAL ? Relationship.EQ : Relationship.LEQ, constant));
      }
    }
    int j = ids.indexOf(figureId);
    double[] objective = new double[ids.size()];
    objective[j] = scale[j];
    double[] bounds = new double[2];
    GoalType[] goals = {GoalType.MINIMIZE, GoalType.MAXIMIZE};
    for (int g = 0; g < 2; g++) {
      try {
        bounds[g] = new SimplexSolver().optimize(new MaxIter(100_000),
            new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints),
            goals[g], new NonNegativeConstraint(true)).getValue();
      } catch (UnboundedSolutionException e) {
        bounds[g] = Double.POSITIVE_INFINITY;
      }
    }
    return new Interval(Math.max(0, bounds[0]), bounds[1]);
  }
}

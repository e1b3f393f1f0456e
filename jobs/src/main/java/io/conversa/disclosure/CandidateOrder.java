package io.conversa.disclosure;

import java.util.Comparator;

/**
 * Which published figure to withhold next when several would do. The owner's preference comes
 * first (totals before detail, days before weeks). Then a figure that is not zero: a withheld zero
 * is the first value an attacker tries. Then the smallest value, since the least information is
 * lost; then the key, so two runs choose alike.
 */
final class CandidateOrder {
  static final Comparator<Figure> ORDER =
      Comparator.comparingInt(Figure::preference)
          .thenComparing(f -> f.value() == 0)
          .thenComparingDouble(Figure::value)
          .thenComparing(Figure.KEY_ORDER);

  private CandidateOrder() {}

  /** Whether withholding {@code figure}'s group is something this run may do and would change. */
  static boolean eligible(Release release, int figure) {
    Figure f = release.figureAt(figure);
    return !release.withheldAt(figure) && !f.fixed() && release.canWithhold(f.group());
  }

  /**
   * The best eligible figure among the relations' figures, or -1 if none is eligible. First the
   * one whose withholding exposes the fewest other figures (a total that its published parts
   * still give away protects nothing and needs protecting itself), then by {@link #ORDER}.
   */
  static int best(Release release, int[] relations) {
    int best = -1;
    int bestExposures = Integer.MAX_VALUE;
    for (int r : relations) {
      for (int f : release.figuresOfRelation(r)) {
        if (!eligible(release, f)) {
          continue;
        }
        int exposures = exposures(release, f);
        if (best < 0 || exposures < bestExposures
            || (exposures == bestExposures && ORDER.compare(release.figureAt(f), release.figureAt(best)) < 0)) {
          best = f;
          bestExposures = exposures;
        }
      }
    }
    return best;
  }

  /**
   * The equalities in which withholding the figure's group would leave a single non-zero unknown:
   * each is a subtraction that would give a withheld figure away and need one more withholding.
   */
  static int exposures(Release release, int figure) {
    int[] members = release.membersOf(release.figureAt(figure).group());
    java.util.Set<Integer> group = new java.util.HashSet<>();
    for (int m : members) {
      group.add(m);
    }
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    int exposures = 0;
    for (int m : members) {
      for (int r : release.relationsOfFigure(m)) {
        if (!seen.add(r) || release.relations().get(r).sense() != Relation.Sense.EQUAL) {
          continue;
        }
        int unknowns = 0;
        int lone = -1;
        for (int f : release.figuresOfRelation(r)) {
          if (release.withheldAt(f) || group.contains(f)) {
            unknowns++;
            lone = f;
          }
        }
        if (unknowns == 1 && release.figureAt(lone).value() != 0) {
          exposures++;
        }
      }
    }
    return exposures;
  }
}

package io.conversa.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The cheap first defence: an equality with a single sensitive withheld figure gives that figure
 * away by subtraction, whatever its value (an unknown NaN value is given away all the same). Withholding
 * one more figure of the equality closes it, with no LP. Most of complementary suppression's
 * work is done here; the LP audit then looks for what subtraction cannot see.
 */
final class SubtractionPass {
  private SubtractionPass() {}

  /** Withholds groups until no equality has a lone withheld figure it can fix; returns them. */
  static List<Group> run(Release release) {
    List<Group> withheld = new ArrayList<>();
    TreeSet<Integer> pending = new TreeSet<>();
    for (int r = 0; r < release.relations().size(); r++) {
      pending.add(r);
    }
    while (!pending.isEmpty()) {
      int r = pending.pollFirst();
      if (!hasLoneUnknown(release, r)) {
        continue;
      }
      int candidate = CandidateOrder.best(release, new int[] {r});
      if (candidate < 0) {
        continue; // nothing this run may withhold here: the audit reports it
      }
      Group group = release.figureAt(candidate).group();
      release.withhold(group);
      withheld.add(group);
      for (int member : release.membersOf(group)) {
        for (int touched : release.relationsOfFigure(member)) {
          pending.add(touched);
        }
      }
    }
    return withheld;
  }

  /** Whether relation {@code r} is an equality with exactly one withheld figure in it. */
  static boolean hasLoneUnknown(Release release, int r) {
    Relation relation = release.relations().get(r);
    if (relation.sense() != Relation.Sense.EQUAL) {
      return false;
    }
    int[] figures = release.figuresOfRelation(r);
    int lone = -1;
    for (int t = 0; t < figures.length; t++) {
      if (release.withheldAt(figures[t]) && relation.terms().get(t).coefficient() != 0) {
        if (lone >= 0 && lone != figures[t]) {
          return false;
        }
        lone = figures[t];
      }
    }
    // A lone zero gives nobody away (see Protection): subtraction may find it. So may a figure
    // withheld only to protect others: it has k people of its own.
    return lone >= 0 && release.figureAt(lone).value() != 0 && release.sensitiveAt(lone);
  }
}

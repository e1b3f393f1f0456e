package io.conversa.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Withholds more cells than the primary rule did, so that no withheld figure can be worked out
 * from what is published. Primary suppression alone hides a small cell but leaves its row and
 * column totals, and a small cell is then one subtraction away.
 *
 * <p>The algorithm, run on a release with primary suppression applied:
 *
 * <ol>
 *   <li>Subtraction pass: while an equality has exactly one withheld figure, withhold one more
 *       non-fixed published figure of it, chosen by {@link CandidateOrder} (preference, non-zero
 *       first, smallest value, key). No LP.
 *   <li>Audit ({@link DisclosureAudit}): the LP interval of every withheld figure.
 *   <li>For each finding, in key order, unless a relation of its figure already changed this
 *       round: withhold the group of the best non-fixed published figure sharing a relation with
 *       it; if there is none, the best one in a relation of another withheld figure of its
 *       component.
 *   <li>Back to 1 until the audit is clean. A round that withholds nothing stops the loop and the
 *       remaining findings are returned for the caller to fail on. Every other round withholds at
 *       least one group more and there are finitely many, so the loop ends.
 *   <li>Once clean, each complementary group is published again, most valued first, wherever the
 *       audit stays clean without it.
 * </ol>
 *
 * <p>Only sensitive figures (withheld by the primary rule) are protected ({@link Protection});
 * the complementary ones have k people of their own.
 *
 * <p>Fixed figures (rows outside this run's reach) are never withheld or released; a fixed figure
 * withheld earlier with an unknown value (NaN) is an unknown like any other.
 */
public final class ComplementarySuppression {
  private final DisclosureAudit audit;

  public ComplementarySuppression(int k) {
    this.audit = new DisclosureAudit(k);
  }

  /** Withholds groups of {@code release} in place until the audit is clean or nothing helps. */
  public SuppressionResult apply(Release release) {
    int primary = primaryGroups(release);
    List<Group> secondary = new ArrayList<>();
    Map<List<Integer>, Interval[]> cache = new HashMap<>();
    int rounds = 0;
    while (true) {
      rounds++;
      secondary.addAll(SubtractionPass.run(release));
      List<Finding> findings = audit.audit(release, cache);
      if (findings.isEmpty()) {
        List<Group> kept = withoutRedundant(release, secondary, cache);
        return new SuppressionResult(primary, kept, rounds, findings);
      }
      List<Group> added = withholdForFindings(release, findings);
      if (added.isEmpty()) {
        return new SuppressionResult(primary, secondary, rounds, findings);
      }
      secondary.addAll(added);
    }
  }

  /**
   * Publishes again each complementary group the audit does not need, the one the owner values
   * most first (a number's week before a day). The greedy passes withhold in the order findings
   * come, so a later choice can make an earlier one redundant; a group stays withheld only if
   * publishing it would expose a sensitive figure. Only the component it belongs to is solved
   * again: the others' intervals come from the cache.
   */
  private List<Group> withoutRedundant(Release release, List<Group> secondary, Map<List<Integer>, Interval[]> cache) {
    List<Group> byValue = new ArrayList<>(new TreeSet<>(secondary));
    byValue.sort(java.util.Comparator.comparingInt((Group g) -> -release.figureAt(release.membersOf(g)[0]).preference())
        .thenComparing(java.util.Comparator.naturalOrder()));
    Set<Group> released = new HashSet<>();
    for (Group group : byValue) {
      release.publish(group);
      if (audit.audit(release, cache).isEmpty()) {
        released.add(group);
      } else {
        release.withhold(group);
      }
    }
    return secondary.stream().filter(g -> !released.contains(g)).distinct().toList();
  }

  private static List<Group> withholdForFindings(Release release, List<Finding> findings) {
    Map<Integer, Integer> indexById = new HashMap<>();
    for (int i = 0; i < release.size(); i++) {
      indexById.put(release.figureAt(i).id(), i);
    }
    List<Group> added = new ArrayList<>();
    Set<Integer> touched = new HashSet<>();
    List<Component> components = null;
    for (Finding finding : findings) {
      int figure = indexById.get(finding.figure().id());
      int[] own = release.relationsOfFigure(figure);
      // Another withholding this round changed this figure's relations: audit it again first.
      if (anyIn(own, touched)) {
        continue;
      }
      int candidate = CandidateOrder.best(release, own);
      if (candidate < 0) {
        if (components == null) {
          components = Component.of(release);
        }
        candidate = CandidateOrder.best(release, relationsOfComponent(release, components, figure));
      }
      if (candidate < 0) {
        continue;
      }
      Group group = release.figureAt(candidate).group();
      release.withhold(group);
      added.add(group);
      for (int member : release.membersOf(group)) {
        for (int r : release.relationsOfFigure(member)) {
          touched.add(r);
        }
      }
    }
    return added;
  }

  private static int[] relationsOfComponent(
      Release release, List<Component> components, int figure) {
    for (Component component : components) {
      for (int v : component.variables()) {
        if (v == figure) {
          return component.relations();
        }
      }
    }
    return new int[0];
  }

  private static boolean anyIn(int[] relations, Set<Integer> touched) {
    for (int r : relations) {
      if (touched.contains(r)) {
        return true;
      }
    }
    return false;
  }

  /** Groups with a withheld figure this run decides about: fixed ones were earlier runs'. */
  private static int primaryGroups(Release release) {
    Set<Group> groups = new TreeSet<>();
    for (int i = 0; i < release.size(); i++) {
      if (release.withheldAt(i) && !release.figureAt(i).fixed()) {
        groups.add(release.figureAt(i).group());
      }
    }
    return groups.size();
  }
}

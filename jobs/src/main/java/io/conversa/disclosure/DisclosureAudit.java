package io.conversa.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Checks a release the way an attacker would read it: for each withheld figure, the narrowest
 * interval the published figures, the known relations and non-negativity allow (two LPs, min
 * and max). A withheld figure whose interval is narrower than its {@link Protection} asks is as
 * good as published, whatever its cell shows.
 *
 * <p>Only withheld figures are unknowns, and only relations with an unknown say anything about
 * them. The unknowns split into components linked by relations; each is solved alone.
 */
public final class DisclosureAudit {
  private final int k;

  /** @param k the smallest width a withheld count's interval must have */
  public DisclosureAudit(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, not " + k);
    }
    this.k = k;
  }

  public int k() {
    return k;
  }

  /** Every withheld figure the release gives away, ordered by cell key, measure and id. */
  public List<Finding> audit(Release release) {
    return audit(release, new HashMap<>());
  }

  /** The feasible interval of every withheld figure, by figure id. */
  public SortedMap<Integer, Interval> intervals(Release release) {
    SortedMap<Integer, Interval> out = new TreeMap<>();
    for (Component component : Component.of(release)) {
      Interval[] intervals = ComponentIntervals.solve(release, component);
      for (int j = 0; j < intervals.length; j++) {
        out.put(release.figureAt(component.variables()[j]).id(), intervals[j]);
      }
    }
    return out;
  }

  /**
   * As {@link #audit(Release)}, reusing intervals of components met before. A component's LP is
   * decided by its set of withheld figures alone (everything else in its relations is a published
   * constant), so the cache is valid for as long as the figures and relations stay the same.
   */
  List<Finding> audit(Release release, Map<List<Integer>, Interval[]> cache) {
    List<Finding> findings = new ArrayList<>();
    for (Component component : Component.of(release)) {
      List<Integer> key = Arrays.stream(component.variables()).boxed().toList();
      Interval[] intervals = cache.get(key);
      if (intervals == null) {
        intervals = ComponentIntervals.solve(release, component);
        cache.put(key, intervals);
      }
      for (int j = 0; j < intervals.length; j++) {
        int index = component.variables()[j];
        Figure figure = release.figureAt(index);
        Interval interval = intervals[j];
        if (!figure.protection().protects(interval, figure.value(), k, release.sensitiveAt(index))) {
          findings.add(new Finding(figure, interval.lower(), interval.upper()));
        }
      }
    }
    findings.sort(Finding.ORDER);
    return findings;
  }
}

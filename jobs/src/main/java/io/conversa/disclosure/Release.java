package io.conversa.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The figures about to be published, the relations a reader knows between them, and which
 * figures are withheld. The audit and the suppression both walk from a figure to its relations
 * and back many times, over tens of thousands of figures: both directions are indexed once here.
 *
 * <p>Statuses are the only mutable part, and only {@link #withhold(Group)} changes them, never for
 * a fixed figure. Build one with {@link #builder()}.
 */
public final class Release {
  private final List<Figure> figures; // sorted by id; a figure's position is its dense index
  private final Map<Integer, Integer> indexById;
  private final List<Relation> relations;
  private final int[][] figuresOfRelation; // dense figure indices of each relation's terms
  private final int[][] relationsOfFigure;
  private final Map<Group, int[]> groups;
  private final Map<Relation, Integer> relationIndex;
  private final boolean[] withheld;
  private final boolean[] sensitive;

  private Release(Release shared, boolean[] withheld) {
    this.figures = shared.figures;
    this.indexById = shared.indexById;
    this.relations = shared.relations;
    this.figuresOfRelation = shared.figuresOfRelation;
    this.relationsOfFigure = shared.relationsOfFigure;
    this.groups = shared.groups;
    this.relationIndex = shared.relationIndex;
    this.withheld = withheld;
    this.sensitive = shared.sensitive.clone();
  }

  private Release(List<Figure> figures, List<Relation> relations, boolean[] withheld, boolean[] sensitive) {
    this.figures = figures;
    this.relations = relations;
    this.withheld = withheld;
    this.sensitive = sensitive;
    this.indexById = new HashMap<>(figures.size() * 2);
    for (int i = 0; i < figures.size(); i++) {
      indexById.put(figures.get(i).id(), i);
    }
    this.figuresOfRelation = new int[relations.size()][];
    this.relationIndex = new HashMap<>(relations.size() * 2);
    for (int r = 0; r < relations.size(); r++) {
      relationIndex.putIfAbsent(relations.get(r), r);
    }
    List<List<Integer>> byFigure = new ArrayList<>(figures.size());
    for (int i = 0; i < figures.size(); i++) {
      byFigure.add(new ArrayList<>(4));
    }
    for (int r = 0; r < relations.size(); r++) {
      List<Relation.Term> terms = relations.get(r).terms();
      figuresOfRelation[r] = new int[terms.size()];
      for (int t = 0; t < terms.size(); t++) {
        int figure = indexOf(terms.get(t).figureId(), relations.get(r).name());
        figuresOfRelation[r][t] = figure;
        byFigure.get(figure).add(r);
      }
    }
    this.relationsOfFigure = new int[figures.size()][];
    for (int i = 0; i < figures.size(); i++) {
      relationsOfFigure[i] = byFigure.get(i).stream().distinct().mapToInt(Integer::intValue).toArray();
    }
    Map<Group, List<Integer>> members = new TreeMap<>();
    for (int i = 0; i < figures.size(); i++) {
      members.computeIfAbsent(figures.get(i).group(), g -> new ArrayList<>()).add(i);
    }
    this.groups = new HashMap<>();
    members.forEach((g, list) -> groups.put(g, list.stream().mapToInt(Integer::intValue).toArray()));
  }

  public static ReleaseBuilder builder() {
    return new ReleaseBuilder();
  }

  static Release of(List<Figure> byId, List<Relation> relations, boolean[] withheld, boolean[] sensitive) {
    return new Release(byId, relations, withheld, sensitive);
  }

  /** An independent copy: statuses changed on one do not show in the other. */
  public Release copy() {
    return new Release(this, withheld.clone());
  }

  public List<Figure> figures() {
    return Collections.unmodifiableList(figures);
  }

  public List<Relation> relations() {
    return Collections.unmodifiableList(relations);
  }

  public Figure figure(int id) {
    return figures.get(indexOf(id, "a lookup"));
  }

  public Status status(int figureId) {
    return withheld[indexOf(figureId, "a lookup")] ? Status.WITHHELD : Status.PUBLISHED;
  }

  public boolean isWithheld(Figure figure) {
    return withheld[indexOf(figure.id(), "a lookup")];
  }

  /**
   * Whether the figure is sensitive: withheld by the primary rule (fewer than k people). Only
   * sensitive figures need {@link Protection}; the others are withheld, if at all, to protect them.
   */
  public boolean isSensitive(Figure figure) {
    return sensitive[indexOf(figure.id(), "a lookup")];
  }

  /** The figures of a relation, in the order of its terms. */
  public List<Figure> figuresOf(Relation relation) {
    Integer r = relationIndex.get(relation);
    if (r == null) {
      throw new IllegalArgumentException("relation " + relation.name() + " is not in this release");
    }
    List<Figure> out = new ArrayList<>();
    for (int f : figuresOfRelation[r]) {
      out.add(figures.get(f));
    }
    return out;
  }

  /** The relations a figure appears in, in the order they were added. */
  public List<Relation> relationsOf(Figure figure) {
    List<Relation> out = new ArrayList<>();
    for (int r : relationsOfFigure[indexOf(figure.id(), "a lookup")]) {
      out.add(relations.get(r));
    }
    return out;
  }

  /** Every group with at least one withheld figure, sorted. */
  public Set<Group> withheldGroups() {
    Set<Group> out = new TreeSet<>();
    for (int i = 0; i < figures.size(); i++) {
      if (withheld[i]) {
        out.add(figures.get(i).group());
      }
    }
    return out;
  }

  /**
   * Whether withholding {@code group} would change something this run may change: it has a
   * published figure, and none of its published figures is fixed.
   */
  public boolean canWithhold(Group group) {
    int[] members = groups.get(group);
    if (members == null) {
      return false;
    }
    boolean anyPublished = false;
    for (int f : members) {
      if (!withheld[f]) {
        if (figures.get(f).fixed()) {
          return false;
        }
        anyPublished = true;
      }
    }
    return anyPublished;
  }

  /**
   * Withholds every figure of {@code group} by the primary rule (fewer than k people): they become
   * sensitive, the figures complementary suppression protects.
   */
  public void withholdAsSensitive(Group group) {
    withhold(group);
    for (int f : groups.get(group)) {
      sensitive[f] = true;
    }
  }

  /** Withholds every published figure of {@code group}. */
  public void withhold(Group group) {
    if (!groups.containsKey(group)) {
      throw new IllegalArgumentException("no figure of group " + group + " in this release");
    }
    for (int f : groups.get(group)) {
      if (!withheld[f] && figures.get(f).fixed()) {
        throw new IllegalStateException("cannot withhold " + group + ": figure " + figures.get(f)
            + " is fixed (outside this run's reach) and published");
      }
    }
    for (int f : groups.get(group)) {
      withheld[f] = true;
    }
  }

  /**
   * Publishes again a group withheld only to protect others (complementary suppression's last
   * pass, which takes back what turned out not to be needed).
   */
  void publish(Group group) {
    for (int f : membersOf(group)) {
      if (sensitive[f] || figures.get(f).fixed()) {
        throw new IllegalStateException("cannot publish " + group + ": figure " + figures.get(f)
            + (sensitive[f] ? " has fewer than k people" : " is fixed (outside this run's reach)"));
      }
    }
    for (int f : membersOf(group)) {
      withheld[f] = false;
    }
  }

  // Dense-index access for the engine, which runs over every figure and relation many times.

  int size() {
    return figures.size();
  }

  Figure figureAt(int index) {
    return figures.get(index);
  }

  boolean withheldAt(int index) {
    return withheld[index];
  }

  boolean sensitiveAt(int index) {
    return sensitive[index];
  }

  int[] figuresOfRelation(int relation) {
    return figuresOfRelation[relation];
  }

  int[] relationsOfFigure(int index) {
    return relationsOfFigure[index];
  }

  int[] membersOf(Group group) {
    int[] members = groups.get(group);
    if (members == null) {
      throw new IllegalArgumentException("no figure of group " + group + " in this release");
    }
    return members;
  }

  private int indexOf(int id, String where) {
    Integer index = indexById.get(id);
    if (index == null) {
      throw new IllegalArgumentException("no figure with id " + id + " (in " + where + ")");
    }
    return index;
  }
}

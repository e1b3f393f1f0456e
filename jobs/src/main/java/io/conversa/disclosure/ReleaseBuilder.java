package io.conversa.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the figures of a {@link Release} with their starting status, and its relations. The
 * starting status is the one way to have a fixed figure withheld: an earlier run withheld it.
 */
public final class ReleaseBuilder {
  private final Map<Integer, Figure> figures = new TreeMap<>();
  private final Map<Integer, Status> statuses = new TreeMap<>();
  private final Map<Integer, Boolean> sensitive = new TreeMap<>();
  private final List<Relation> relations = new ArrayList<>();

  ReleaseBuilder() {}

  /** Adds a published figure. */
  public ReleaseBuilder add(Figure figure) {
    return add(figure, Status.PUBLISHED);
  }

  /** Adds a figure; a withheld one is sensitive (withheld by the primary rule). */
  public ReleaseBuilder add(Figure figure, Status status) {
    return add(figure, status, status == Status.WITHHELD);
  }

  /**
   * @param sensitive fewer than k people behind it: it must be withheld and protected. A withheld
   *     figure that is not sensitive was withheld by an earlier run to protect others.
   */
  public ReleaseBuilder add(Figure figure, Status status, boolean sensitive) {
    if (sensitive && status != Status.WITHHELD) {
      throw new IllegalArgumentException("figure " + figure + " is sensitive but published: the primary rule withholds it");
    }
    if (figures.putIfAbsent(figure.id(), figure) != null) {
      throw new IllegalArgumentException("two figures with id " + figure.id() + ": "
          + figures.get(figure.id()) + " and " + figure);
    }
    if (status == Status.PUBLISHED && Double.isNaN(figure.value())) {
      throw new IllegalArgumentException("figure " + figure
          + " is published but its value is unknown (NaN): only withheld figures may lack one");
    }
    statuses.put(figure.id(), status);
    this.sensitive.put(figure.id(), sensitive);
    return this;
  }

  public ReleaseBuilder relate(Relation relation) {
    relations.add(relation);
    return this;
  }

  public Release build() {
    List<Figure> byId = new ArrayList<>(figures.values());
    boolean[] withheld = new boolean[byId.size()];
    boolean[] sensitiveOnes = new boolean[byId.size()];
    for (int i = 0; i < byId.size(); i++) {
      withheld[i] = statuses.get(byId.get(i).id()) == Status.WITHHELD;
      sensitiveOnes[i] = sensitive.get(byId.get(i).id());
    }
    return Release.of(byId, List.copyOf(relations), withheld, sensitiveOnes);
  }
}

package io.conversa.disclosure;

import java.util.Comparator;
import java.util.Objects;

/**
 * The unit of withholding: the figures of one cell in one family. A contributor rule covers a
 * family as a whole (all message counts of a row), so withholding half of a family would publish
 * what the rule meant to hide.
 */
public record Group(CellKey cell, String family) implements Comparable<Group> {
  private static final Comparator<Group> ORDER =
      Comparator.comparing(Group::cell).thenComparing(Group::family);

  public Group {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(family, "family");
  }

  @Override
  public int compareTo(Group other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return cell + "[" + family + "]";
  }
}

package io.conversa.disclosure;

import java.util.Comparator;
import java.util.Objects;

/**
 * One measure of one published cell, with what the engine needs to decide its fate.
 *
 * @param id unique within a {@link Release}; relations refer to figures by it
 * @param value the true value (the engine runs before publication), or NaN when an earlier run
 *     withheld it and did not keep it
 * @param preference rank among candidates for complementary suppression: the lowest goes first
 * @param fixed the figure belongs to rows outside this run's reach: its status never changes
 */
public record Figure(
    int id,
    CellKey cell,
    String measure,
    String family,
    double value,
    Protection protection,
    int preference,
    boolean fixed) {

  /** The order of findings and the last tie-break between candidates. */
  static final Comparator<Figure> KEY_ORDER =
      Comparator.comparing(Figure::cell)
          .thenComparing(Figure::measure)
          .thenComparingInt(Figure::id);

  public Figure {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(protection, "protection");
    if (value < 0) {
      throw new IllegalArgumentException("figure " + id + " (" + cell + " " + measure
          + ") is negative (" + value + "): every figure is a count or an amount, never below 0");
    }
  }

  public Group group() {
    return new Group(cell, family);
  }

  @Override
  public String toString() {
    return cell + " " + measure + " (#" + id + ")";
  }
}

package io.conversa.disclosure;

import java.util.Comparator;

/**
 * A withheld figure the published tables still give away: its feasible interval is narrower than
 * its {@link Protection} asks.
 */
public record Finding(Figure figure, double lower, double upper) {
  static final Comparator<Finding> ORDER = Comparator.comparing(Finding::figure, Figure.KEY_ORDER);

  public double width() {
    return upper - lower;
  }

  @Override
  public String toString() {
    return figure + " (value " + figure.value() + ") lies in [" + lower + ", " + upper + "]";
  }
}

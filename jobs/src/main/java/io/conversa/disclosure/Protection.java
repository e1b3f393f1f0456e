package io.conversa.disclosure;

/**
 * How wide a reader's interval for a sensitive withheld figure must stay. A count of the people's
 * events that a family of figures is withheld for (messages sent, conversions) is safe once the
 * interval spans at least k; a figure that only splits such a count (delivered, failed, read), a
 * count of people, or an amount of money is safe once the interval is as wide as the figure
 * itself, so that a reader cannot tell it from nothing nor from twice as much. A zero needs no
 * protection: nobody contributed to it.
 *
 * <p>Only sensitive figures (fewer than k people: the primary rule) are protected, as statistical
 * agencies do (τ-ARGUS and its audit). A figure withheld only to protect them has k people of its
 * own: a reader who works it out learns an aggregate that could have been published.
 */
public enum Protection {
  AT_LEAST_K,
  AT_LEAST_VALUE;

  /** The width a reader's interval for a figure of {@code value} must have; 0 for a zero. */
  public double width(double value, int k) {
    if (value <= 0 || Double.isNaN(value)) {
      return 0;
    }
    return this == AT_LEAST_K ? k : value;
  }
}

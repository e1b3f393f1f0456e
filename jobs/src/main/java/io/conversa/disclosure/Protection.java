package io.conversa.disclosure;

/**
 * How wide an attacker's interval for a sensitive withheld figure must be. A count of the people's
 * events that a family of figures is withheld for (messages sent, conversions) is safe once the
 * interval spans at least k; a figure that only splits such a count (delivered, failed, read) or
 * an amount of money is safe once the interval is as wide as the figure itself, so that a reader
 * cannot tell it from nothing nor from twice as much. A zero needs no protection: nobody
 * contributed to it.
 *
 * <p>Only sensitive figures (fewer than k people: the primary rule) are protected, as statistical
 * agencies do (τ-ARGUS and its audit). A figure withheld only to protect them has k people of its
 * own: a reader who works it out learns an aggregate that could have been published. Asking those
 * to be protected as well withheld whole weeks of a small business to protect one small day.
 */
public enum Protection {
  AT_LEAST_K,
  AT_LEAST_VALUE;

  /** Absolute slack for LP round-off, relative to the size of the threshold. */
  static final double TOLERANCE = 1e-6;

  /**
   * Whether an attacker's interval protects a figure of {@code value}. An unknown value (NaN:
   * withheld by an earlier run, never kept, or audited from gold) can only be asked not to be
   * pinned down, unless it is pinned to zero, which reveals no one.
   *
   * @param sensitive withheld by the primary rule, not only to protect others
   */
  boolean protects(Interval interval, double value, int k, boolean sensitive) {
    if (!sensitive || value == 0 || interval.upper() <= TOLERANCE) {
      return true;
    }
    double width = interval.width();
    if (this == AT_LEAST_K) {
      return width >= k - TOLERANCE * Math.max(1, k);
    }
    if (Double.isNaN(value)) {
      return width > TOLERANCE;
    }
    return width >= Math.abs(value) - TOLERANCE * Math.max(1, Math.abs(value));
  }
}

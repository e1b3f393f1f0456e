package io.conversa.disclosure;

/**
 * What an attacker can work out about a withheld figure: it lies in {@code [lower, upper]}.
 * {@code upper} is {@code +∞} when nothing published bounds it from above.
 */
public record Interval(double lower, double upper) {
  public double width() {
    return upper - lower;
  }
}

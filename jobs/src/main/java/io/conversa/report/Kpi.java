package io.conversa.report;

/**
 * One headline figure beside last week's. {@code key} names it in the CSV and the message
 * bundle ({@code sent}, {@code delivery_rate}, {@code revenue.BRL}, {@code messages.marketing}).
 * Values are counts, shares (0..1) or amounts; null when undefined (a rate over nothing).
 */
public record Kpi(String key, Kind kind, Number current, Number previous, Verdict verdict) {
  /** MULTIPLE: one amount over another in the same currency (return on spend). */
  public enum Kind { COUNT, RATE, MONEY, MULTIPLE }

  /** What the week-over-week test says. */
  public enum Verdict {
    SIGNIFICANT,
    NOT_SIGNIFICANT,
    /** Last week or this week has nothing to compare. */
    NO_COMPARISON
  }

  /** The currency of a MONEY or MULTIPLE figure, from its key. */
  public String currency() {
    return kind == Kind.MONEY || kind == Kind.MULTIPLE ? key.substring(key.indexOf('.') + 1) : null;
  }

  /** Change in the figure's own unit: relative for counts and amounts, points for rates; null when undefined. */
  public Double change() {
    if (current == null || previous == null) {
      return null;
    }
    double now = current.doubleValue();
    double before = previous.doubleValue();
    if (kind == Kind.RATE) {
      return now - before;
    }
    return before == 0 ? null : (now - before) / before;
  }
}

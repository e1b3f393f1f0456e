package io.conversa.report;

/**
 * Whether a week-over-week change is larger than chance variation. Rates: the two weeks' Wilson
 * 95% score intervals must not overlap (a conservative test: overlapping intervals can still
 * differ, but we would rather not call noise a trend), and each week needs at least
 * {@value #MIN_DENOMINATOR} in the denominator. Counts: a two-sided 95% test of two Poisson
 * counts (|a - b| > 1.96 sqrt(a + b)), and at least {@value #MIN_COUNT} events in the two weeks.
 */
public final class Significance {
  static final double Z95 = 1.959964;
  static final long MIN_DENOMINATOR = 30;
  static final long MIN_COUNT = 20;

  private Significance() {}

  /** Wilson score interval {low, high} of {@code successes} out of {@code trials}, 95%. */
  public static double[] wilson(long successes, long trials) {
    if (trials <= 0) {
      return new double[] {0, 1};
    }
    double n = trials;
    double p = successes / n;
    double z2 = Z95 * Z95;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  public static boolean ratesDiffer(long successesNow, long trialsNow, long successesBefore, long trialsBefore) {
    if (trialsNow < MIN_DENOMINATOR || trialsBefore < MIN_DENOMINATOR) {
      return false;
    }
    double[] now = wilson(successesNow, trialsNow);
    double[] before = wilson(successesBefore, trialsBefore);
    return now[0] > before[1] || before[0] > now[1];
  }

  public static boolean countsDiffer(long now, long before) {
    long total = now + before;
    if (total < MIN_COUNT) {
      return false;
    }
    return Math.abs(now - before) > Z95 * Math.sqrt(total);
  }
}

package io.conversa.aggregate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * Which gold periods a run recomputes, from the first UTC date whose figures can change.
 *
 * <p>Complementary suppression ties a day to its week and month, and a campaign to its
 * number's total, so a run recomputes whole relations: every month from the one holding the
 * first local date that can change, every ISO week from the one holding that month's first day,
 * and every day from that month's first day, each up to the end of the data. The days of the
 * first week that fall in the month before are recomputed for the week's sake, but keep the
 * status an earlier run published them with ({@link #fixedDays}): their month is not recomputed.
 *
 * @param monthFrom first day of the first month recomputed (and of the first day recomputed)
 * @param weekFrom the Monday of the first week recomputed
 * @param everything a full recompute: every period is replaced
 */
public record RecomputePlan(LocalDate monthFrom, LocalDate weekFrom, boolean everything) {

  /**
   * @param firstChangedUtc the first UTC date whose gold figures can change (its reach included)
   */
  public static RecomputePlan from(LocalDate firstChangedUtc, boolean everything) {
    // A UTC date is at most a day from the local date in any zone (UTC-12 to UTC+14).
    LocalDate firstLocal = firstChangedUtc.minusDays(1);
    LocalDate month = firstLocal.withDayOfMonth(1);
    return new RecomputePlan(month, month.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), everything);
  }

  /** The first UTC send date whose messages fall in a recomputed period. */
  public LocalDate firstUtcDate() {
    return weekFrom.minusDays(1);
  }

  /** The first local day recomputed that is also published by this run. */
  public LocalDate dayFrom() {
    return monthFrom;
  }

  /** [first, last] local days recomputed only for their week; null when there are none. */
  public LocalDate[] fixedDays() {
    return !everything && weekFrom.isBefore(monthFrom) ? new LocalDate[] {weekFrom, monthFrom.minusDays(1)} : null;
  }

  /** Whether a period of this grain starting that day is replaced by this run. */
  public boolean replaces(String period, LocalDate periodStart) {
    return everything || !periodStart.isBefore(firstOf(period));
  }

  private LocalDate firstOf(String period) {
    return switch (period) {
      case Periods.DAY -> monthFrom;
      case Periods.WEEK -> weekFrom;
      case Periods.MONTH -> monthFrom;
      default -> throw new IllegalArgumentException("no period " + period);
    };
  }

  /** The Delta replaceWhere predicate of the periods this run replaces; null for every row. */
  public String replaceWhere() {
    if (everything) {
      return null;
    }
    return "(period = 'day' AND period_start >= DATE'" + monthFrom + "')"
        + " OR (period = 'week' AND period_start >= DATE'" + weekFrom + "')"
        + " OR (period = 'month' AND period_start >= DATE'" + monthFrom + "')";
  }
}

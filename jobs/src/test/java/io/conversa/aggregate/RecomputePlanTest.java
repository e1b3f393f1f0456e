package io.conversa.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Which periods a run replaces, from the first UTC date whose figures can change. */
class RecomputePlanTest {
  private static LocalDate d(String date) {
    return LocalDate.parse(date);
  }

  @Test
  void aChangeRecomputesItsMonthAndTheWeekThatHoldsTheMonthsFirstDay() {
    // 2026-11-20 (UTC) is 2026-11-19 or later in every zone: November, whose first day is a
    // Sunday, so the first week recomputed is Monday 2026-10-26; its six October days are
    // recomputed for the week's sake but keep what an earlier run published.
    RecomputePlan plan = RecomputePlan.from(d("2026-11-20"), false);
    assertEquals(d("2026-11-01"), plan.monthFrom());
    assertEquals(d("2026-10-26"), plan.weekFrom());
    assertArrayEquals(new LocalDate[] {d("2026-10-26"), d("2026-10-31")}, plan.fixedDays());
    assertEquals(d("2026-10-25"), plan.firstUtcDate(), "a local Monday can start on the Sunday in UTC (UTC+14)");
    assertFalse(plan.replaces(Periods.DAY, d("2026-10-31")));
    assertTrue(plan.replaces(Periods.DAY, d("2026-11-01")));
    assertTrue(plan.replaces(Periods.WEEK, d("2026-10-26")));
    assertFalse(plan.replaces(Periods.WEEK, d("2026-10-19")));
    assertFalse(plan.replaces(Periods.MONTH, d("2026-10-01")));
    assertTrue(plan.replaces(Periods.MONTH, d("2026-11-01")));
    assertEquals("(period = 'day' AND period_start >= DATE'2026-11-01') OR (period = 'week' AND period_start >= DATE'2026-10-26')"
        + " OR (period = 'month' AND period_start >= DATE'2026-11-01')", plan.replaceWhere());
  }

  @Test
  void theFirstOfAMonthInUtcCanStillBeTheMonthBeforeLocally() {
    // 2026-12-01 in UTC is 2026-11-30 in São Paulo: November must be recomputed too.
    assertEquals(d("2026-11-01"), RecomputePlan.from(d("2026-12-01"), false).monthFrom());
    RecomputePlan december = RecomputePlan.from(d("2026-12-02"), false);
    assertEquals(d("2026-12-01"), december.monthFrom());
    assertEquals(d("2026-11-30"), december.weekFrom(), "Tuesday 2026-12-01 is in the week of Monday 2026-11-30");
    assertArrayEquals(new LocalDate[] {d("2026-11-30"), d("2026-11-30")}, december.fixedDays());
  }

  @Test
  void aMonthThatStartsOnMondayHasNoDaysKeptForItsWeek() {
    RecomputePlan june = RecomputePlan.from(d("2026-06-10"), false);
    assertEquals(d("2026-06-01"), june.weekFrom());
    assertNull(june.fixedDays());
  }

  @Test
  void aFullRecomputeReplacesEveryPeriod() {
    RecomputePlan full = RecomputePlan.from(d("2026-11-20"), true);
    assertNull(full.replaceWhere());
    assertNull(full.fixedDays());
    assertTrue(full.replaces(Periods.MONTH, d("2020-01-01")));
  }
}

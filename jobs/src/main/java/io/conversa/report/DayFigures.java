package io.conversa.report;

import java.time.LocalDate;

/** One day of the daily trend: the shown rows of gold.daily_funnel for that day, summed. */
public record DayFigures(LocalDate day, long sent, long delivered, long read, long replied, long converted) {
  static DayFigures none(LocalDate day) {
    return new DayFigures(day, 0, 0, 0, 0, 0);
  }
}

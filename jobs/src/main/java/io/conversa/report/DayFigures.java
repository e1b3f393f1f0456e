package io.conversa.report;

import java.time.LocalDate;

/** One day of the daily trend: the day rows of gold.number_funnel, added up (null: withheld). */
public record DayFigures(LocalDate day, Long sent, Long delivered, Long read, Long replied, Long converted) {
  static DayFigures none(LocalDate day) {
    return new DayFigures(day, 0L, 0L, 0L, 0L, 0L);
  }
}

package io.conversa.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One week of the eight-week trend: the client's week rows of gold.number_funnel, added up. A
 * null figure (or amount) is withheld; a week without rows is zeros.
 */
public record WeekFigures(
    LocalDate monday, Long sent, Long converted, Map<String, BigDecimal> revenueByCurrency, Map<String, BigDecimal> costByCurrency) {
  static WeekFigures none(LocalDate monday) {
    return new WeekFigures(monday, 0L, 0L, Map.of(), Map.of());
  }
}

package io.conversa.report;

import io.conversa.common.Errors;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 week ({@code 2026-W47}): Monday to Sunday, UTC dates, the same calendar gold's
 * {@code day} and {@code send_date} columns use.
 */
public record ReportWeek(int weekBasedYear, int week) {
  private static final Pattern LABEL = Pattern.compile("(\\d{4})-W(\\d{2})");

  public static ReportWeek parse(String label) {
    Matcher m = label == null ? null : LABEL.matcher(label.strip());
    if (m == null || !m.matches()) {
      throw Errors.usage("--week takes an ISO week as YYYY-Www.", "pass e.g. --week 2026-W47.");
    }
    int year = Integer.parseInt(m.group(1));
    int week = Integer.parseInt(m.group(2));
    long weeks = LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
    if (week < 1 || week > weeks) {
      throw Errors.usage("--week names a week its year does not have (a year has weeks 01 to 52, some to 53).", "pass a week that exists, e.g. --week 2026-W47.");
    }
    return new ReportWeek(year, week);
  }

  /** The week a date falls in. */
  public static ReportWeek of(LocalDate day) {
    return new ReportWeek(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** The latest week whose Sunday is on or before {@code lastDay}: the latest week the data covers in full. */
  public static ReportWeek latestFullWeekEndingBy(LocalDate lastDay) {
    LocalDate sunday = lastDay.getDayOfWeek() == DayOfWeek.SUNDAY ? lastDay : lastDay.with(TemporalAdjusters.previous(DayOfWeek.SUNDAY));
    return of(sunday);
  }

  public LocalDate first() {
    return LocalDate.of(weekBasedYear, 6, 1)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  public LocalDate last() {
    return first().plusDays(6);
  }

  public ReportWeek previous() {
    return of(first().minusDays(7));
  }

  public String label() {
    return String.format(Locale.ROOT, "%04d-W%02d", weekBasedYear, week);
  }

  @Override
  public String toString() {
    return label();
  }
}

package io.conversa.aggregate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The three grains of gold: a row of each table per day, ISO week (from Monday) and calendar
 * month, in the client's time zone. Each grain is computed from the rows of its own period, so k
 * applies to the people of that period: a week is not a sum of published days.
 */
public final class Periods {
  public static final String DAY = "day";
  public static final String WEEK = "week";
  public static final String MONTH = "month";

  private Periods() {}

  /** The local calendar date of a UTC instant in an IANA time zone (a column per row). */
  public static Column localDate(Column instant, Column timeZone) {
    return to_date(from_utc_timestamp(instant, timeZone));
  }

  /** The Monday on or before a date: dayofweek is 1 on Sunday, 2 on Monday. */
  static Column weekStart(Column date) {
    return date_sub(date, dayofweek(date).plus(5).mod(7));
  }

  /**
   * Every row three times, once per grain, with {@code period} and {@code period_start} (the
   * first local day of the period) taken from the row's local date.
   */
  public static Dataset<Row> each(Dataset<Row> rows, String localDateColumn) {
    Column date = col(localDateColumn);
    return withPeriods(rows, array(
        struct(lit(DAY).as("period"), date.as("period_start")),
        struct(lit(WEEK).as("period"), weekStart(date).as("period_start")),
        struct(lit(MONTH).as("period"), trunc(date, "month").as("period_start"))));
  }

  /** As {@link #each}, for weeks and months only: a table too fine to be read by the day. */
  public static Dataset<Row> weeksAndMonths(Dataset<Row> rows, String localDateColumn) {
    Column date = col(localDateColumn);
    return withPeriods(rows, array(
        struct(lit(WEEK).as("period"), weekStart(date).as("period_start")),
        struct(lit(MONTH).as("period"), trunc(date, "month").as("period_start"))));
  }

  private static Dataset<Row> withPeriods(Dataset<Row> rows, Column periods) {
    return rows.withColumn("_period", explode(periods))
        .withColumn("period", col("_period.period"))
        .withColumn("period_start", col("_period.period_start"))
        .drop("_period");
  }
}

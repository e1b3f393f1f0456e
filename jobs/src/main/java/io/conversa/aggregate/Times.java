package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;

/** Time windows between two timestamp columns, in whole seconds. */
final class Times {
  private Times() {}

  static Column seconds(String timestampColumn) {
    return col(timestampColumn).cast("long");
  }

  /** {@code later} happened after {@code earlier}, at most {@code windowSeconds} after it. */
  static Column within(String earlier, String later, long windowSeconds) {
    return seconds(later).gt(seconds(earlier)).and(seconds(later).leq(seconds(earlier).plus(windowSeconds)));
  }

  static Column secondsBetween(String earlier, String later) {
    return seconds(later).minus(seconds(earlier)).cast("double");
  }
}

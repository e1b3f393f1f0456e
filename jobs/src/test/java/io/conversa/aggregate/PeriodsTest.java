package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conversa.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Days, ISO weeks and months in the client's time zone. */
class PeriodsTest {
  /** period -> period_start of one instant in one zone. */
  private static Map<String, String> periodsOf(String instant, String zone) {
    Dataset<Row> one = SharedSpark.session().createDataset(List.of(instant), Encoders.STRING()).toDF("at")
        .withColumn("local_date", Periods.localDate(to_timestamp(col("at")), lit(zone)));
    Map<String, String> periods = new TreeMap<>();
    for (Row r : Periods.each(one, "local_date").select("period", "period_start").collectAsList()) {
      periods.put(r.getString(0), r.getDate(1).toString());
    }
    return periods;
  }

  @Test
  void oneInTheMorningUtcIsTheDayBeforeInSaoPaulo() {
    // Monday 2026-11-02 01:00 UTC is Sunday 2026-11-01 22:00 in São Paulo (UTC-3): the day, and
    // the ISO week (from Monday 2026-10-26), of the day before.
    assertEquals(Map.of("day", "2026-11-02", "week", "2026-11-02", "month", "2026-11-01"), periodsOf("2026-11-02T01:00:00Z", "UTC"));
    assertEquals(Map.of("day", "2026-11-01", "week", "2026-10-26", "month", "2026-11-01"),
        periodsOf("2026-11-02T01:00:00Z", "America/Sao_Paulo"));
  }

  @Test
  void theFirstHoursOfAMonthInUtcBelongToTheMonthBeforeWestOfIt() {
    // 2026-12-01 02:00 UTC is 2026-11-30 23:00 in São Paulo: November, in the week of Monday 11-30.
    assertEquals(Map.of("day", "2026-11-30", "week", "2026-11-30", "month", "2026-11-01"),
        periodsOf("2026-12-01T02:00:00Z", "America/Sao_Paulo"));
    // 2026-11-30 20:00 UTC is 2026-12-01 01:30 in Kolkata (UTC+5:30): December already.
    assertEquals(Map.of("day", "2026-12-01", "week", "2026-11-30", "month", "2026-12-01"),
        periodsOf("2026-11-30T20:00:00Z", "Asia/Kolkata"));
  }

  @Test
  void aWeekCrossingTwoMonthsBelongsToItsMonday() {
    // Sunday 2026-11-01 is in the ISO week of Monday 2026-10-26 but in the month of November.
    assertEquals(Map.of("day", "2026-11-01", "week", "2026-10-26", "month", "2026-11-01"), periodsOf("2026-11-01T12:00:00Z", "UTC"));
  }
}

package io.conversa.refine;

import static org.apache.spark.sql.functions.expr;

import org.apache.spark.sql.Column;

/** Casts shared by the silver extractions: webhook timestamps, money and campaigns. */
final class SilverColumns {
  private SilverColumns() {}

  /** Unix seconds sent as a string or a number ("1749416383", 1749416383, "1749416383.0"). */
  static Column instantOf(String unixSecondsField) {
    // Ingest quarantines implausible timestamps; bodies stored before it did must still never
    // overflow refine (1e23 seconds) nor date a row in the year 58834 (milliseconds): null instead.
    String n = "cast(" + unixSecondsField + " as double)";
    String seconds = "CASE WHEN " + n + " >= 1e11 THEN " + n + " / 1000 ELSE " + n + " END";
    return expr("CASE WHEN " + seconds + " BETWEEN 1230768000 AND 4102444800 THEN timestamp_seconds(cast(" + seconds + " as bigint)) END");
  }

  /** An integer code sent as a string or a number. */
  static Column intOf(String field) {
    return expr("cast(cast(" + field + " as double) as int)");
  }

  /**
   * The campaign a business put in biz_opaque_callback_data: the {@code campaign} member when it
   * is a JSON object, else the plain string; null when empty or when the JSON names none.
   */
  static Column campaignOf(String callbackField) {
    return expr(
        "CASE WHEN ltrim(" + callbackField + ") LIKE '{%' THEN nullif(trim(get_json_object(" + callbackField + ", '$.campaign')), '')"
            + " ELSE nullif(trim(" + callbackField + "), '') END");
  }

  /**
   * The template a business put in biz_opaque_callback_data: the {@code template} member of a
   * JSON object; null otherwise (a plain string names the campaign).
   */
  static Column templateOf(String callbackField) {
    return expr(
        "CASE WHEN ltrim(" + callbackField + ") LIKE '{%' THEN nullif(trim(get_json_object(" + callbackField + ", '$.template')), '') END");
  }

  /** A JSON boolean sent as true/false or "true"/"false". */
  static Column booleanOf(String field) {
    return expr("lower(" + field + ") = 'true'");
  }
}

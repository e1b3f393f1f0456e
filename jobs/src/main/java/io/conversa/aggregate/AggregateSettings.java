package io.conversa.aggregate;

import io.conversa.config.ClientDirectory;
import io.conversa.config.FunnelRules;
import org.apache.spark.sql.SparkSession;

/**
 * What one aggregate run needs: the lake, the funnel's rules, the clients (their names and time
 * zones), and the business's own files (send log, payments), each optional.
 *
 * @param full recompute every date, not only those new silver rows touched
 */
public record AggregateSettings(String lakeRoot, FunnelRules rules, ClientDirectory clients, BusinessFiles files, boolean full) {

  /** The rules gold was computed under; a run under other rules recomputes every date. */
  String fingerprint(SparkSession spark, RateCard card) {
    return rules.describe() + ";clients=" + clients.fingerprint() + ";" + files.fingerprint(spark, card);
  }
}

package io.conversa.aggregate;

import io.conversa.config.ClientDirectory;
import io.conversa.config.FunnelRules;
import io.conversa.config.StatedRules;
import io.conversa.lake.Lake;
import org.apache.spark.sql.SparkSession;

/**
 * What one aggregate run needs: the lake, the rules it was given (the rest are the ones gold was
 * released with), the clients (their names and time zones), and the business's own files (send
 * log, payments), each optional.
 *
 * @param full recompute every date, not only those new silver rows touched (and take the rules given)
 */
public record AggregateSettings(String lakeRoot, StatedRules stated, ClientDirectory clients, BusinessFiles files, boolean full) {

  /** The rules this run builds with: see {@link StatedRules#resolve}. */
  public FunnelRules rules(SparkSession spark) {
    return stated.resolve(Releases.latestRules(new Lake(spark, lakeRoot)), full);
  }

  /** The rules and inputs gold was computed under; a run under others recomputes every date. */
  String fingerprint(SparkSession spark, RateCard card, FunnelRules rules) {
    return rules.describe() + ";clients=" + clients.fingerprint() + ";" + files.fingerprint(spark, card);
  }
}

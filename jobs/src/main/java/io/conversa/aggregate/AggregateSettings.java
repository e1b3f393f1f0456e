package io.conversa.aggregate;

import io.conversa.config.ClientDirectory;
import io.conversa.config.FunnelRules;

/**
 * What one aggregate run needs: the lake, the funnel's rules, the clients (their names and time
 * zones), and an optional send log naming campaigns by message id.
 *
 * @param sendLog path of a CSV of message_id,campaign[,template], or null
 * @param full recompute every date, not only those new silver rows touched
 */
public record AggregateSettings(String lakeRoot, FunnelRules rules, ClientDirectory clients, String sendLog, boolean full) {

  /** The rules gold was computed under; a run under other rules recomputes every date. */
  String fingerprint(String sendLogFingerprint) {
    return rules.describe() + ";clients=" + clients.fingerprint() + ";sendlog=" + sendLogFingerprint;
  }
}

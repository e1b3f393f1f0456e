package io.conversa.cli;

import io.conversa.aggregate.AggregateSettings;
import io.conversa.config.ClientDirectory;
import io.conversa.config.FunnelRules;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The funnel's rules (SPEC section 3), shared by aggregate and run. */
final class FunnelOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Configuration JSON with the clients: names, WABA and phone-number ids, report recipients (default: each WABA is its own client).")
  Path config;

  @Option(names = "--send-log", paramLabel = "CSV", description = "Your own send log: CSV with a header message_id,campaign[,template]; names campaigns that biz_opaque_callback_data does not.")
  String sendLog;

  @Option(names = "--min-group-size", defaultValue = "" + FunnelRules.DEFAULT_MIN_GROUP_SIZE, paramLabel = "K", description = "Withhold every gold figure that fewer than K people contributed to, and any figure that would reveal one (default: ${DEFAULT-VALUE}).")
  int minGroupSize;

  @Option(names = "--reply-window", defaultValue = "24h", paramLabel = "DURATION", converter = DurationConverter.class, description = "A user's message this long after ours counts as a reply (default: ${DEFAULT-VALUE}).")
  Duration replyWindow;

  @Option(names = "--attribution-window", defaultValue = "7d", paramLabel = "DURATION", converter = DurationConverter.class, description = "A purchase this long after a campaign message is credited to it (default: ${DEFAULT-VALUE}).")
  Duration attributionWindow;

  @Option(names = "--full", description = "Recompute every date of gold, not only those new silver rows touched.")
  boolean full;

  AggregateSettings settings(String lake) {
    FunnelRules rules = new FunnelRules(minGroupSize, replyWindow, attributionWindow);
    ClientDirectory clients = config == null ? ClientDirectory.none() : ClientDirectory.read(config);
    return new AggregateSettings(lake, rules, clients, sendLog, full);
  }
}

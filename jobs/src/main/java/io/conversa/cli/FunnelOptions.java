package io.conversa.cli;

import io.conversa.aggregate.AggregateSettings;
import io.conversa.aggregate.BusinessFiles;
import io.conversa.config.ClientDirectory;
import io.conversa.config.FunnelRules;
import io.conversa.config.StatedRules;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The funnel's rules (SPEC section 3), shared by aggregate and run. */
final class FunnelOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Configuration JSON with the clients: names, WABA and phone-number ids, report recipients (default: each WABA is its own client).")
  Path config;

  @Option(names = "--send-log", paramLabel = "CSV", description = "Your own send log: CSV with a header message_id,campaign[,template][,reference_id]; names campaigns that biz_opaque_callback_data does not, and the order each order message asks payment for.")
  String sendLog;

  @Option(names = "--payments", paramLabel = "FILE", description = "Your payment records (a payment provider's export, e.g. Pix): CSV with a header reference_id,amount,currency,status,paid_at[,method], or JSON lines with those fields. A paid row converts the message whose reference_id the send log names.")
  String payments;

  @Option(names = "--rate-card", paramLabel = "CSV", description = "What Meta charges you per delivered message: CSV with a header country,category,currency,price[,valid_from] (default: the card shipped in schemas/pricing/rate-card.csv; see its header for its source and date).")
  String rateCard;

  @Option(names = "--min-group-size", paramLabel = "K", description = "Withhold every gold figure that fewer than K people contributed to, and any figure that would reveal one (default: the k gold was released with, else " + FunnelRules.DEFAULT_MIN_GROUP_SIZE + "; another k needs --full).")
  Integer minGroupSize;

  @Option(names = "--reply-window", paramLabel = "DURATION", converter = DurationConverter.class, description = "A user's message this long after ours counts as a reply (default: gold's, else 24h; another needs --full).")
  Duration replyWindow;

  @Option(names = "--attribution-window", paramLabel = "DURATION", converter = DurationConverter.class, description = "A purchase this long after a campaign message is credited to it (default: gold's, else 7d; another needs --full).")
  Duration attributionWindow;

  @Option(names = "--full", description = "Recompute every date of gold, not only those new silver rows touched, under the rules given (gold.releases records them).")
  boolean full;

  AggregateSettings settings(String lake) {
    if (minGroupSize != null && minGroupSize < 1) {
      throw io.conversa.common.Errors.usage("--min-group-size takes a whole number of at least 1.",
          "pass the smallest number of people a published figure may come from, e.g. --min-group-size 11.");
    }
    ClientDirectory clients = config == null ? ClientDirectory.none() : ClientDirectory.read(config);
    return new AggregateSettings(lake, new StatedRules(minGroupSize, replyWindow, attributionWindow), clients,
        new BusinessFiles(sendLog, payments, rateCard), full);
  }
}

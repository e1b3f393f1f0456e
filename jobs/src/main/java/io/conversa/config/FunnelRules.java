package io.conversa.config;

import java.time.Duration;

/**
 * The rules gold is built with (SPEC section 3): k, the smallest number of people a published
 * figure may come from, and the reply and attribution windows. The one home of their defaults;
 * gold.releases records the rules of every aggregate run so that reports and later runs read
 * them instead of restating them.
 */
public record FunnelRules(int minGroupSize, Duration replyWindow, Duration attributionWindow) {
  public static final int DEFAULT_MIN_GROUP_SIZE = 11;
  public static final Duration DEFAULT_REPLY_WINDOW = Duration.ofHours(24);
  public static final Duration DEFAULT_ATTRIBUTION_WINDOW = Duration.ofDays(7);
  public static final FunnelRules DEFAULTS = new FunnelRules(DEFAULT_MIN_GROUP_SIZE, DEFAULT_REPLY_WINDOW, DEFAULT_ATTRIBUTION_WINDOW);

  public FunnelRules {
    if (minGroupSize < 1) {
      throw io.conversa.common.Errors.usage("--min-group-size takes a whole number of at least 1.",
          "pass the smallest number of people a published figure may come from, e.g. --min-group-size 11.");
    }
    if (replyWindow.isNegative() || replyWindow.isZero() || attributionWindow.isNegative() || attributionWindow.isZero()) {
      throw io.conversa.common.Errors.usage("the reply and attribution windows must be longer than zero.",
          "pass e.g. --reply-window 24h --attribution-window 7d.");
    }
  }

  public FunnelRules withMinGroupSize(int k) {
    return new FunnelRules(k, replyWindow, attributionWindow);
  }

  public long replySeconds() {
    return replyWindow.toSeconds();
  }

  public long attributionSeconds() {
    return attributionWindow.toSeconds();
  }

  /** Whole dates a purchase can reach back to credit a message: the window, rounded up. */
  public int attributionDays() {
    return wholeDays(attributionWindow);
  }

  /** Whole dates a reply can reach back to the message it answers: the window, rounded up. */
  public int replyDays() {
    return wholeDays(replyWindow);
  }

  private static int wholeDays(Duration window) {
    return (int) Math.ceil(window.toSeconds() / 86_400.0);
  }

  /** The rules as gold.releases and the aggregate's fingerprint record them. */
  public String describe() {
    return "k=" + minGroupSize + ";reply=" + replyWindow + ";attribution=" + attributionWindow;
  }
}

package io.conversa.aggregate;

import java.time.Duration;

/**
 * The funnel's rules (SPEC section 3): k for suppression, the reply and attribution windows,
 * the clients, and an optional send log naming campaigns by message id.
 *
 * @param sendLog path of a CSV of message_id,campaign[,template], or null
 * @param full recompute every date, not only those new silver rows touched
 */
public record AggregateSettings(
    String lakeRoot, int minGroupSize, Duration replyWindow, Duration attributionWindow, ClientDirectory clients,
    String sendLog, boolean full) {

  public static final int DEFAULT_MIN_GROUP_SIZE = 11;
  public static final Duration DEFAULT_REPLY_WINDOW = Duration.ofHours(24);
  public static final Duration DEFAULT_ATTRIBUTION_WINDOW = Duration.ofDays(7);

  long replySeconds() {
    return replyWindow.toSeconds();
  }

  long attributionSeconds() {
    return attributionWindow.toSeconds();
  }

  /** Whole dates a purchase can reach back to credit a message: the window, rounded up. */
  int attributionDays() {
    return wholeDays(attributionWindow);
  }

  /** Whole dates a reply can reach back to the message it answers: the window, rounded up. */
  int replyDays() {
    return wholeDays(replyWindow);
  }

  private static int wholeDays(Duration window) {
    return (int) Math.ceil(window.toSeconds() / 86_400.0);
  }

  /** The rules gold was computed under; a run under other rules recomputes every date. */
  String fingerprint(String sendLogFingerprint) {
    return "k=" + minGroupSize + ";reply=" + replyWindow + ";attribution=" + attributionWindow
        + ";clients=" + clients.fingerprint() + ";sendlog=" + sendLogFingerprint;
  }
}

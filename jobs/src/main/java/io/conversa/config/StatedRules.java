package io.conversa.config;

import io.conversa.common.Errors;
import java.time.Duration;
import java.util.Objects;

/**
 * The rules a command was given: each null when its flag was left out. Gold records the rules it
 * was released with (gold.releases), and a lake keeps them: a rule left out is the recorded one,
 * and a rule that disagrees with the record is refused unless the run rebuilds gold under it
 * ({@code --full}), since recomputing only some periods under other rules would publish two
 * releases' figures side by side, each proved safe only alone.
 */
public record StatedRules(Integer minGroupSize, Duration replyWindow, Duration attributionWindow) {
  public static final StatedRules NONE = new StatedRules(null, null, null);

  /** Every rule stated: what a new lake (a demo, a benchmark) is built with. */
  public static StatedRules of(FunnelRules rules) {
    return new StatedRules(rules.minGroupSize(), rules.replyWindow(), rules.attributionWindow());
  }

  /**
   * The rules to build with: the stated ones over the recorded ones (null: gold was never
   * released), the defaults for what neither gives.
   *
   * @param rebuild whether the run recomputes all of gold, so that a stated rule may replace the recorded one
   */
  public FunnelRules resolve(FunnelRules recorded, boolean rebuild) {
    FunnelRules base = recorded == null ? FunnelRules.DEFAULTS : recorded;
    if (recorded != null && !rebuild) {
      refuseChange("--min-group-size", minGroupSize, recorded.minGroupSize());
      refuseChange("--reply-window", replyWindow, recorded.replyWindow());
      refuseChange("--attribution-window", attributionWindow, recorded.attributionWindow());
    }
    return new FunnelRules(minGroupSize == null ? base.minGroupSize() : minGroupSize,
        replyWindow == null ? base.replyWindow() : replyWindow,
        attributionWindow == null ? base.attributionWindow() : attributionWindow);
  }

  private static void refuseChange(String flag, Object stated, Object recorded) {
    if (stated != null && !Objects.equals(stated, recorded)) {
      throw Errors.usage(flag + " " + shown(stated) + " disagrees with gold, which was released with " + shown(recorded)
              + " (gold.releases).",
          "leave " + flag + " out to keep " + shown(recorded) + ", or add --full to rebuild all of gold under " + shown(stated) + ".");
    }
  }

  /** A window as the flags take it (24h, 7d), a count as itself. */
  private static String shown(Object rule) {
    if (rule instanceof Duration d) {
      if (d.toSeconds() % 86_400 == 0) {
        return d.toDays() + "d";
      }
      if (d.toSeconds() % 3_600 == 0) {
        return d.toHours() + "h";
      }
      if (d.toSeconds() % 60 == 0) {
        return d.toMinutes() + "m";
      }
      return d.toSeconds() + "s";
    }
    return String.valueOf(rule);
  }
}

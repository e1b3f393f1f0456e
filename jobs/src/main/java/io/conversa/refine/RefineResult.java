package io.conversa.refine;

import java.util.Locale;

/** What a refine run did: bronze bodies read and silver rows written. */
public record RefineResult(
    long batches, long bodies, long messages, long statuses, long outboundChanged, long conversions, long userLinks, double seconds) {

  public String summary() {
    if (bodies == 0) {
      return String.format(Locale.ROOT, "refine: no new bronze bodies; silver is up to date (%.1f s)", seconds);
    }
    return String.format(
        Locale.ROOT,
        "refine: %,d new bronze bodies -> %,d messages, %,d statuses, %,d outbound lifecycles new or changed,"
            + " %,d conversions, %,d user links in %.1f s",
        bodies, messages, statuses, outboundChanged, conversions, userLinks, seconds);
  }

  RefineResult plus(RefineResult batch) {
    return new RefineResult(
        batches + batch.batches, bodies + batch.bodies, messages + batch.messages, statuses + batch.statuses,
        outboundChanged + batch.outboundChanged, conversions + batch.conversions, userLinks + batch.userLinks, seconds);
  }

  RefineResult took(double seconds) {
    return new RefineResult(batches, bodies, messages, statuses, outboundChanged, conversions, userLinks, seconds);
  }
}

package io.conversa.report;

import java.math.BigDecimal;
import java.util.Map;

/** One ad over the week: the shown rows of gold.ad_referrals, summed over days. */
public record AdFigures(
    String adId, String headline, long conversationsStarted, long replied, long converted, Map<String, BigDecimal> revenueByCurrency) {
  /** converted / conversations_started, as gold defines it; null when none started. */
  public Double conversionRate() {
    return FunnelTotals.share(converted, conversationsStarted);
  }
}

package io.conversa.report;

import java.math.BigDecimal;
import java.util.Map;

/** One ad's week row of gold.ad_referrals; a null figure (or revenue) is withheld. */
public record AdFigures(
    String adId, String headline, Long conversationsStarted, Long replied, Long converted, Map<String, BigDecimal> revenueByCurrency) {
  /** converted / conversations_started, as gold defines it; null when withheld or none started. */
  public Double conversionRate() {
    return FunnelTotals.share(converted, conversationsStarted);
  }
}

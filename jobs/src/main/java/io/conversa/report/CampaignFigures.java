package io.conversa.report;

import java.math.BigDecimal;
import java.util.Map;

/** One campaign's week row of gold.campaign_funnel; a null figure (or revenue) is withheld. */
public record CampaignFigures(
    String campaign, Long sent, Long delivered, Long replied, Long converted, Long conversions, Map<String, BigDecimal> revenueByCurrency) {
  /** converted / delivered, as gold defines conversion_rate; null when withheld or nothing was delivered. */
  public Double conversionRate() {
    return FunnelTotals.share(converted, delivered);
  }
}

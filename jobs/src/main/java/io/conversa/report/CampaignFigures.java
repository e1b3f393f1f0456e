package io.conversa.report;

import java.math.BigDecimal;
import java.util.Map;

/** One campaign over the week: the shown rows of gold.campaign_funnel, summed over send dates. */
public record CampaignFigures(
    String campaign, long sent, long delivered, long replied, long converted, long conversions, Map<String, BigDecimal> revenueByCurrency) {
  /** converted / delivered, as gold defines conversion_rate; null when nothing was delivered. */
  public Double conversionRate() {
    return FunnelTotals.share(converted, delivered);
  }
}

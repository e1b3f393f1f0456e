package io.conversa.report;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One campaign's week row of gold.campaign_funnel, beside its row of the week before; a null
 * figure (or amount) is withheld. A campaign that did not run the week before sent 0 then.
 */
public record CampaignFigures(
    String campaign, Long sent, Long delivered, Long replied, Long converted, Long conversions, Map<String, BigDecimal> revenueByCurrency,
    Map<String, BigDecimal> costByCurrency, Long sentLastWeek, Long convertedLastWeek) {
  /** converted / delivered, as gold defines conversion_rate; null when withheld or nothing was delivered. */
  public Double conversionRate() {
    return FunnelTotals.share(converted, delivered);
  }
}

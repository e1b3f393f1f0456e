package io.conversa.report;

/**
 * One message template's week row of gold.template_funnel: how the people it reached read,
 * clicked and bought. A null figure is withheld.
 */
public record TemplateFigures(String campaign, String template, Long sent, Long delivered, Long read, Long clicked, Long converted) {
  /** read / delivered; null when withheld or nothing was delivered. */
  public Double readRate() {
    return FunnelTotals.share(read, delivered);
  }

  /** clicked / delivered, as gold defines click_rate. */
  public Double clickRate() {
    return FunnelTotals.share(clicked, delivered);
  }

  /** converted / delivered, as gold defines conversion_rate. */
  public Double conversionRate() {
    return FunnelTotals.share(converted, delivered);
  }
}

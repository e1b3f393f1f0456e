package io.conversa.report;

/**
 * Gold rows of the client and week left out of the report because fewer than k distinct users
 * made them up (suppressed by aggregate, or below the report's own k): counted, never shown.
 */
public record Withheld(long dailyFunnelRows, long campaignRows, long adRows, long pricingRows) {
  public long total() {
    return dailyFunnelRows + campaignRows + adRows + pricingRows;
  }
}

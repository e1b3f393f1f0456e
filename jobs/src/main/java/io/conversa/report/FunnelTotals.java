package io.conversa.report;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One client's funnel over a week, summed over the gold rows a report may show. Rates take the
 * denominators gold uses: delivery over sent; read, reply and conversion over delivered.
 * {@code withheldRows} counts the rows left out because fewer than k users made them up.
 */
public record FunnelTotals(
    long sent, long delivered, long read, long replied, long clicked, long converted, long conversions,
    Map<String, BigDecimal> revenueByCurrency, long withheldRows) {

  public static FunnelTotals none() {
    return new FunnelTotals(0, 0, 0, 0, 0, 0, 0, Map.of(), 0);
  }

  /** A share, or null when its denominator is zero (nothing to divide). */
  static Double share(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  public Double deliveryRate() {
    return share(delivered, sent);
  }

  public Double readRate() {
    return share(read, delivered);
  }

  public Double replyRate() {
    return share(replied, delivered);
  }

  public Double conversionRate() {
    return share(converted, delivered);
  }
}

package io.conversa.report;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One client's funnel over a week: gold's week rows added up. A figure is null when gold withheld
 * it in the rows it would be added from (a total would reveal it); revenue and cost are null then too. Rates take the denominators gold uses: delivery over sent; read, reply and conversion over
 * delivered.
 */
public record FunnelTotals(
    Long sent, Long delivered, Long read, Long replied, Long clicked, Long converted, Long conversions,
    Map<String, BigDecimal> revenueByCurrency, Map<String, BigDecimal> costByCurrency) {

  public static FunnelTotals none() {
    return new FunnelTotals(0L, 0L, 0L, 0L, 0L, 0L, 0L, Map.of(), Map.of());
  }

  /** Each figure of these totals, or of {@code other} where these withhold it. */
  FunnelTotals orElse(FunnelTotals other) {
    return new FunnelTotals(
        sent != null ? sent : other.sent, delivered != null ? delivered : other.delivered, read != null ? read : other.read,
        replied != null ? replied : other.replied, clicked != null ? clicked : other.clicked,
        converted != null ? converted : other.converted, conversions != null ? conversions : other.conversions,
        revenueByCurrency != null ? revenueByCurrency : other.revenueByCurrency,
        costByCurrency != null ? costByCurrency : other.costByCurrency);
  }

  /** A share, or null when either part is withheld or the whole is zero (nothing to divide). */
  static Double share(Long part, Long whole) {
    return part == null || whole == null || whole == 0 ? null : (double) part / whole;
  }

  /** Whether the figure is published and more than zero. */
  static boolean positive(Long figure) {
    return figure != null && figure > 0;
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

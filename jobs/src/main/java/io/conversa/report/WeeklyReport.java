package io.conversa.report;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything one client's weekly report shows, computed from gold and nothing else. The HTML,
 * the PDF and the CSV are three renderings of this one record. {@code dataThrough} is the last
 * day gold has figures for when the week is still in progress, else null.
 */
public record WeeklyReport(
    String client,
    String displayName,
    String logoDataUri,
    ReportWeek week,
    int minGroupSize,
    Duration replyWindow,
    Duration attributionWindow,
    FunnelTotals current,
    FunnelTotals previous,
    List<Kpi> kpis,
    List<DayFigures> days,
    List<WeekFigures> weeks,
    List<CampaignFigures> campaigns,
    List<TemplateFigures> templates,
    List<AdFigures> ads,
    List<CategoryFigures> categories,
    Withheld withheld,
    LocalDate dataThrough) {

  /** The currency of the client's revenue (this week's or last week's, or a campaign's), or "" when none shows one. */
  public String revenueCurrency() {
    return firstCurrency(FunnelTotals::revenueByCurrency, CampaignFigures::revenueByCurrency);
  }

  /** The currency of the client's cost, as {@link #revenueCurrency}. */
  public String costCurrency() {
    return firstCurrency(FunnelTotals::costByCurrency, CampaignFigures::costByCurrency);
  }

  private String firstCurrency(java.util.function.Function<FunnelTotals, java.util.Map<String, java.math.BigDecimal>> ofTotals,
      java.util.function.Function<CampaignFigures, java.util.Map<String, java.math.BigDecimal>> ofCampaign) {
    java.util.stream.Stream<java.util.Map<String, java.math.BigDecimal>> amounts = java.util.stream.Stream.concat(
        java.util.stream.Stream.of(current, previous).map(ofTotals), campaigns.stream().map(ofCampaign));
    return amounts.filter(a -> a != null && !a.isEmpty()).map(a -> a.keySet().iterator().next()).findFirst().orElse("");
  }

  /** Nothing happened for the client this week: no message, no conversation, no row withheld. */
  public boolean empty() {
    return Long.valueOf(0).equals(current.sent())
        && categories.stream().allMatch(c -> Long.valueOf(0).equals(c.messages()) && Long.valueOf(0).equals(c.sessions()))
        && ads.stream().allMatch(a -> Long.valueOf(0).equals(a.conversationsStarted()))
        && withheld.total() == 0;
  }
}

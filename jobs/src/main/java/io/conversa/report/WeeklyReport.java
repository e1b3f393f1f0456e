package io.conversa.report;

import java.time.Duration;
import java.util.List;

/**
 * Everything one client's weekly report shows, computed from gold and nothing else. The HTML,
 * the PDF and the CSV are three renderings of this one record.
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
    List<CampaignFigures> campaigns,
    List<AdFigures> ads,
    List<CategoryFigures> categories,
    Withheld withheld,
    QualityFigures quality) {

  /** Nothing happened for the client this week: no message, no conversation, no row withheld. */
  public boolean empty() {
    return Long.valueOf(0).equals(current.sent())
        && categories.stream().allMatch(c -> Long.valueOf(0).equals(c.messages()) && Long.valueOf(0).equals(c.sessions()))
        && ads.stream().allMatch(a -> Long.valueOf(0).equals(a.conversationsStarted()))
        && withheld.total() == 0;
  }
}

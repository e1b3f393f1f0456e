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
    return current.sent() == 0
        && categories.stream().allMatch(c -> c.messages() == 0 && c.sessions() == 0)
        && ads.stream().allMatch(a -> a.conversationsStarted() == 0)
        && withheld.total() == 0;
  }
}

package io.conversa.report;

import java.time.Duration;

/** Assembles one client's {@link WeeklyReport} from the gold inputs. */
final class WeeklyReports {
  static final int TOP_CAMPAIGNS = 8;
  static final int TOP_ADS = 8;

  private WeeklyReports() {}

  static WeeklyReport of(GoldInputs gold, String client, String displayName, String logoDataUri, ReportWeek week, int k,
      Duration replyWindow, Duration attributionWindow, QualityFigures quality) {
    ReportWeek before = week.previous();
    FunnelTotals now = WeeklyFigures.funnelTotals(gold.dailyFunnel(), client, week, k);
    FunnelTotals then = WeeklyFigures.funnelTotals(gold.dailyFunnel(), client, before, k);
    var categoriesNow = WeeklyFigures.pricingCategories(gold.conversationsDaily(), client, week, k);
    var categoriesThen = WeeklyFigures.pricingCategories(gold.conversationsDaily(), client, before, k);
    Withheld withheld = new Withheld(
        now.withheldRows(),
        WeeklyFigures.withheldRows(gold.campaignFunnel(), "send_date", client, week, k),
        WeeklyFigures.withheldRows(gold.adReferrals(), "day", client, week, k),
        WeeklyFigures.withheldRows(gold.conversationsDaily(), "day", client, week, k));
    return new WeeklyReport(
        client, displayName, logoDataUri, week, k, replyWindow, attributionWindow, now, then,
        Kpis.compare(now, then, categoriesNow, categoriesThen),
        WeeklyFigures.dailyTrend(gold.dailyFunnel(), client, week, k),
        WeeklyFigures.topCampaigns(gold.campaignFunnel(), client, week, k, TOP_CAMPAIGNS),
        WeeklyFigures.topAds(gold.adReferrals(), client, week, k, TOP_ADS),
        categoriesNow, withheld, quality);
  }
}

package io.conversa.report;

import io.conversa.config.FunnelRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Assembles one client's {@link WeeklyReport} from the gold inputs. */
final class WeeklyReports {
  static final int TOP_CAMPAIGNS = 8;
  static final int TOP_ADS = 8;
  static final int BEST_TEMPLATES = 6;

  private WeeklyReports() {}

  static WeeklyReport of(GoldInputs gold, String client, String displayName, String logoDataUri, ReportWeek week, FunnelRules rules) {
    ReportWeek before = week.previous();
    FunnelTotals now = WeeklyFigures.funnelTotals(gold.numberFunnel(), gold.campaignFunnel(), client, week);
    FunnelTotals then = WeeklyFigures.funnelTotals(gold.numberFunnel(), gold.campaignFunnel(), client, before);
    var categoriesNow = WeeklyFigures.pricingCategories(gold.conversations(), client, week);
    var categoriesThen = WeeklyFigures.pricingCategories(gold.conversations(), client, before);
    Withheld withheld = new Withheld(WeeklyFigures.withheldFigures(gold.aggregates(), client, week));
    return new WeeklyReport(
        client, displayName, logoDataUri, week, rules.minGroupSize(), rules.replyWindow(), rules.attributionWindow(), now, then,
        Kpis.compare(now, then, categoriesNow, categoriesThen),
        WeeklyFigures.dailyTrend(gold.numberFunnel(), client, week),
        sameAsHeadline(WeeklyFigures.weeklyTrend(gold.numberWeeks(), client, week), Map.of(week.first(), now, before.first(), then)),
        WeeklyFigures.topCampaigns(gold.campaignFunnel(), client, week, TOP_CAMPAIGNS),
        WeeklyFigures.bestTemplates(gold.templateFunnel(), client, week, BEST_TEMPLATES),
        WeeklyFigures.topAds(gold.adReferrals(), client, week, TOP_ADS),
        categoriesNow, withheld, WeeklyFigures.dataThrough(gold.numberFunnel(), client, week));
  }

  /**
   * The trend's weeks that the headline shows too, with the headline's figures: both sections
   * read the same published rows, so a figure the headline withholds is not shown in the trend,
   * nor the other way round.
   */
  static List<WeekFigures> sameAsHeadline(List<WeekFigures> trend, Map<LocalDate, FunnelTotals> headline) {
    List<WeekFigures> weeks = new ArrayList<>();
    for (WeekFigures w : trend) {
      FunnelTotals shown = headline.get(w.monday());
      weeks.add(shown == null ? w
          : new WeekFigures(w.monday(), shown.sent(), shown.converted(), shown.revenueByCurrency(), shown.costByCurrency()));
    }
    return weeks;
  }
}

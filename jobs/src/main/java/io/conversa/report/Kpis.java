package io.conversa.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The headline figures of a week beside the week before, each with its significance verdict. */
final class Kpis {
  private Kpis() {}

  static List<Kpi> compare(FunnelTotals now, FunnelTotals before, List<CategoryFigures> categoriesNow, List<CategoryFigures> categoriesBefore) {
    boolean comparable = FunnelTotals.positive(before.sent()) && FunnelTotals.positive(now.sent());
    List<Kpi> kpis = new ArrayList<>();
    kpis.add(count("sent", now.sent(), before.sent(), comparable));
    kpis.add(rate("delivery_rate", now.delivered(), now.sent(), before.delivered(), before.sent()));
    kpis.add(rate("read_rate", now.read(), now.delivered(), before.read(), before.delivered()));
    kpis.add(rate("reply_rate", now.replied(), now.delivered(), before.replied(), before.delivered()));
    // Beside a withheld count of conversions, a conversion rate would read as that count's proxy:
    // it is withheld with it.
    kpis.add(rate("conversion_rate", now.conversions() == null ? null : now.converted(), now.delivered(),
        before.conversions() == null ? null : before.converted(), before.delivered()));
    Kpi conversions = count("conversions", now.conversions(), before.conversions(), comparable);
    kpis.add(conversions);
    // Revenue follows conversions, and cost the messages sent: their changes are as significant.
    List<Kpi> revenue = amounts("revenue", now.revenueByCurrency(), before.revenueByCurrency(), comparable, conversions);
    List<Kpi> cost = amounts("cost", now.costByCurrency(), before.costByCurrency(), comparable, kpis.get(0));
    kpis.addAll(revenue);
    for (Kpi spent : cost) {
      kpis.add(spent);
      Kpi earned = revenue.stream().filter(r -> r.currency().equals(spent.currency())).findFirst().orElse(null);
      Double returnNow = earned == null ? null : multiple(earned.current(), spent.current());
      Double returnBefore = earned == null ? null : multiple(earned.previous(), spent.previous());
      if (returnNow != null) {
        kpis.add(new Kpi("return_on_spend." + spent.currency(), Kpi.Kind.MULTIPLE, returnNow, returnBefore, Kpi.Verdict.NO_COMPARISON));
      }
    }
    Map<String, Long> messagesBefore = new java.util.HashMap<>();
    Map<String, Long> messagesNow = new java.util.HashMap<>();
    categoriesBefore.forEach(c -> messagesBefore.put(c.category(), c.messages()));
    categoriesNow.forEach(c -> messagesNow.put(c.category(), c.messages()));
    TreeSet<String> categories = new TreeSet<>(messagesBefore.keySet());
    categories.addAll(messagesNow.keySet());
    for (String category : categories) {
      kpis.add(count("messages." + category, messagesNow.getOrDefault(category, 0L), messagesBefore.getOrDefault(category, 0L), comparable));
    }
    return kpis;
  }

  /**
   * An amount per currency this week beside last week's: a withheld week's amount stays unknown,
   * never a zero; a currency one week lacks is a zero there.
   */
  private static List<Kpi> amounts(String figure, Map<String, BigDecimal> now, Map<String, BigDecimal> before, boolean comparable, Kpi follows) {
    TreeSet<String> currencies = new TreeSet<>(now == null ? Map.<String, BigDecimal>of().keySet() : now.keySet());
    currencies.addAll(before == null ? Map.<String, BigDecimal>of().keySet() : before.keySet());
    List<Kpi> kpis = new ArrayList<>();
    for (String currency : currencies) {
      BigDecimal amountNow = now == null ? null : now.getOrDefault(currency, BigDecimal.ZERO);
      BigDecimal amountBefore = before == null ? null : before.getOrDefault(currency, BigDecimal.ZERO);
      boolean known = comparable && amountNow != null && amountBefore != null;
      // Last week's published amount is shown even when this week's is withheld: the eight
      // weeks' table shows it too, and one report must not hide what another section shows.
      kpis.add(new Kpi(figure + "." + currency, Kpi.Kind.MONEY, amountNow, amountBefore,
          known ? follows.verdict() : Kpi.Verdict.NO_COMPARISON));
    }
    return kpis;
  }

  /** Revenue over cost in one currency; null without revenue or cost. */
  private static Double multiple(Number revenue, Number cost) {
    return revenue == null || cost == null || cost.doubleValue() == 0 ? null : revenue.doubleValue() / cost.doubleValue();
  }

  private static Kpi count(String key, Long now, Long before, boolean comparable) {
    if (!comparable || now == null || before == null) {
      return new Kpi(key, Kpi.Kind.COUNT, now, before, Kpi.Verdict.NO_COMPARISON);
    }
    return new Kpi(key, Kpi.Kind.COUNT, now, before, Significance.countsDiffer(now, before) ? Kpi.Verdict.SIGNIFICANT : Kpi.Verdict.NOT_SIGNIFICANT);
  }

  private static Kpi rate(String key, Long partNow, Long wholeNow, Long partBefore, Long wholeBefore) {
    Double now = FunnelTotals.share(partNow, wholeNow);
    Double before = FunnelTotals.share(partBefore, wholeBefore);
    if (now == null || before == null) {
      return new Kpi(key, Kpi.Kind.RATE, now, before, Kpi.Verdict.NO_COMPARISON);
    }
    boolean differ = Significance.ratesDiffer(partNow, wholeNow, partBefore, wholeBefore);
    return new Kpi(key, Kpi.Kind.RATE, now, before, differ ? Kpi.Verdict.SIGNIFICANT : Kpi.Verdict.NOT_SIGNIFICANT);
  }
}

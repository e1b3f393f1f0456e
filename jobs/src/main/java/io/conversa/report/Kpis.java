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
    kpis.add(rate("conversion_rate", now.converted(), now.delivered(), before.converted(), before.delivered()));
    Kpi conversions = count("conversions", now.conversions(), before.conversions(), comparable);
    kpis.add(conversions);
    Map<String, BigDecimal> revenueNow = now.revenueByCurrency() == null ? Map.of() : now.revenueByCurrency();
    Map<String, BigDecimal> revenueBefore = before.revenueByCurrency() == null ? Map.of() : before.revenueByCurrency();
    TreeSet<String> currencies = new TreeSet<>(revenueNow.keySet());
    currencies.addAll(revenueBefore.keySet());
    for (String currency : currencies) {
      // A withheld week's revenue stays unknown, never a zero.
      BigDecimal amountNow = now.revenueByCurrency() == null ? null : revenueNow.getOrDefault(currency, BigDecimal.ZERO);
      BigDecimal amountBefore = before.revenueByCurrency() == null ? null : revenueBefore.getOrDefault(currency, BigDecimal.ZERO);
      // Revenue follows conversions: its change is as significant as theirs.
      boolean known = comparable && amountNow != null && amountBefore != null;
      kpis.add(new Kpi("revenue." + currency, Kpi.Kind.MONEY, amountNow, known ? amountBefore : null,
          known ? conversions.verdict() : Kpi.Verdict.NO_COMPARISON));
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

  private static Kpi count(String key, Long now, Long before, boolean comparable) {
    if (!comparable || now == null || before == null) {
      return new Kpi(key, Kpi.Kind.COUNT, now, null, Kpi.Verdict.NO_COMPARISON);
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

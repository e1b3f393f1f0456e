package io.conversa.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A week still in progress, rendered as a Brazilian client reads it on the Wednesday. */
class InProgressWeekTest {
  private static final ReportWeek WEEK = ReportWeek.parse("2026-W48");

  @Test
  void anUnfinishedWeekSaysHowFarItsDataGoesAndNeverThatNothingWasSent() {
    String html = render("USD");
    assertTrue(html.contains("Dados até 24 de nov. de 2026: a semana ainda não terminou"), "the day gold's data goes to");
    assertFalse(html.contains("Nenhuma mensagem foi enviada"), "an unfinished week never claims nothing was sent");
    assertTrue(html.contains("1.234 mensagens foram enviadas nesta semana"), "what was sent so far");
    assertTrue(html.contains("R$\u00a072.708,54"), "reais as a Brazilian writes them");
    assertTrue(html.contains("US$\u00a068,75"), "the cost in dollars");
    // Revenue in reais over a cost in dollars means nothing: no return on spend.
    assertFalse(html.contains("Retorno sobre o gasto ("), "no return across currencies");
  }

  @Test
  void theBestTemplatesShowTheirRatesInPortugueseAndWithheldFiguresAsWithheld() {
    String html = render("USD");
    assertTrue(html.contains("Melhores modelos de mensagem"), "the section's title");
    String best = html.substring(html.indexOf("bf_oferta_curta"), html.indexOf("bf_oferta_longa"));
    // 540 of 720 delivered read, 90 clicked, 12 converted.
    assertTrue(best.contains("75,0%") && best.contains("12,5%") && best.contains("1,7%"), best);
    String withheld = html.substring(html.indexOf("bf_oferta_longa"), html.indexOf("</tr>", html.indexOf("bf_oferta_longa")));
    assertTrue(withheld.contains("434") && withheld.contains("\u2014"), withheld);
  }

  @Test
  void revenueAndCostInOneCurrencyGiveTheReturnOnSpend() {
    String html = render("BRL");
    assertTrue(html.contains("Retorno sobre o gasto (BRL)"), "the return's row");
    assertTrue(html.contains("1.057,58\u00d7"), "72,708.54 / 68.75");
  }

  /** The week so far (Monday and Tuesday) in pt-BR, revenue in reais and cost in {@code costCurrency}. */
  private static String render(String costCurrency) {
    FunnelTotals now = new FunnelTotals(1_234L, 1_100L, 600L, 90L, 30L, 12L, 12L,
        Map.of("BRL", new BigDecimal("72708.54")), Map.of(costCurrency, new BigDecimal("68.7500")));
    FunnelTotals before = new FunnelTotals(3_000L, 2_700L, 1_500L, 200L, 80L, 30L, 31L,
        Map.of("BRL", new BigDecimal("150000.00")), Map.of(costCurrency, new BigDecimal("150.0000")));
    List<DayFigures> days = List.of(
        new DayFigures(WEEK.first(), 600L, 540L, 300L, 45L, 6L),
        new DayFigures(WEEK.first().plusDays(1), 634L, 560L, 300L, 45L, 6L));
    LocalDate tuesday = WEEK.first().plusDays(1);
    WeeklyReport report = new WeeklyReport("Loja Aurora", "Loja Aurora", null, WEEK, 11, Duration.ofHours(24), Duration.ofDays(7),
        now, before, Kpis.compare(now, before, List.of(), List.of()), days,
        List.of(new WeekFigures(WEEK.first(), 1_234L, 12L, now.revenueByCurrency(), now.costByCurrency())),
        List.of(),
        List.of(new TemplateFigures("black-friday", "bf_oferta_curta", 800L, 720L, 540L, 90L, 12L),
            new TemplateFigures("black-friday", "bf_oferta_longa", 434L, 400L, null, null, null)),
        List.of(), List.of(), new Withheld(0), tuesday);
    return ReportRenderer.html(report, Locale.forLanguageTag("pt-BR"), tuesday.plusDays(1));
  }
}

package io.conversa.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attack the product owner found. One number runs two campaigns every day of a week: A
 * reaches 4 people a day (4 messages sent), B reaches 20 (20 sent). The number's day total is 24;
 * the weeks are A 28, B 140, number 168. The primary rule (k = 11) withholds A's days (4 < 11),
 * yet each A day is the number's day minus B's day: 24 − 20 = 4.
 */
class CampaignAttackTest {
  private static final int K = 11;
  private static final LocalDate MONDAY = LocalDate.parse("2026-11-02");
  private static final String[] MEASURES = {"reached", "sent"};

  // Ids: measure m (0, 1) × 100 + member (A 0, B 10, number 20) + day 0..6, week 7.
  private static int id(int measure, int member, int day) {
    return measure * 100 + member + day;
  }

  private static Release release() {
    ReleaseBuilder builder = Release.builder();
    for (int m = 0; m < MEASURES.length; m++) {
      String measure = MEASURES[m];
      // Days before weeks, the number's totals before the campaigns' detail.
      for (int d = 0; d < 7; d++) {
        String day = MONDAY.plusDays(d).toString();
        builder.add(Figures.count(id(m, 0, d), "promo-a", "day", day, measure, 4, 2));
        builder.add(Figures.count(id(m, 10, d), "promo-b", "day", day, measure, 20, 2));
        builder.add(Figures.count(id(m, 20, d), "number", "day", day, measure, 24, 0));
        builder.relate(Relation.sum(measure + " number day " + day, id(m, 20, d),
            List.of(id(m, 0, d), id(m, 10, d))));
      }
      builder.add(Figures.count(id(m, 0, 7), "promo-a", "week", MONDAY.toString(), measure, 28, 5));
      builder.add(Figures.count(id(m, 10, 7), "promo-b", "week", MONDAY.toString(), measure, 140, 5));
      builder.add(Figures.count(id(m, 20, 7), "number", "week", MONDAY.toString(), measure, 168, 3));
      for (int member : new int[] {0, 10, 20}) {
        List<Integer> days = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
          days.add(id(m, member, d));
        }
        builder.relate(Relation.sum(measure + " week of " + member, id(m, member, 7), days));
      }
      builder.relate(Relation.sum(measure + " number week", id(m, 20, 7),
          List.of(id(m, 0, 7), id(m, 10, 7))));
    }
    Release release = builder.build();
    Figures.primary(release, K);
    return release;
  }

  @Test
  void primarySuppressionAloneLeavesEveryDayOfADerivable() {
    Release release = release();
    List<Finding> findings = new DisclosureAudit(K).audit(release);

    // 7 days × 2 measures of A, each pinned to exactly 4 (width 0).
    assertEquals(14, findings.size());
    for (Finding finding : findings) {
      assertEquals("promo-a", finding.figure().cell().member());
      assertEquals(4, finding.lower(), 1e-9);
      assertEquals(4, finding.upper(), 1e-9);
    }
    // The hand attack sees the same: each number-day equality has A's day as its only unknown.
    List<Subtraction.Leak> leaks = Subtraction.leaks(release);
    assertEquals(14, leaks.size());
    leaks.forEach(leak -> assertEquals(4, leak.derived(), 1e-9));
  }

  @Test
  void complementarySuppressionWithholdsTheNumbersDaysAndKeepsTheWeeks() {
    Release release = release();
    SuppressionResult result = new ComplementarySuppression(K).apply(release);

    assertTrue(result.passed(), () -> "still derivable: " + result.findings());
    assertTrue(new DisclosureAudit(K).audit(release).isEmpty());
    assertTrue(Subtraction.leaks(release).isEmpty(), () -> "" + Subtraction.leaks(release));
    // A's day groups (2 families × 7 days) were primary; the number's days (preference 0) are
    // the cheapest partners, chosen before B's days (preference 2).
    assertEquals(14, result.primaryGroups());
    assertEquals(14, result.secondaryGroups().size());
    for (int m = 0; m < MEASURES.length; m++) {
      for (int d = 0; d < 7; d++) {
        assertEquals(Status.WITHHELD, release.status(id(m, 0, d)));
        assertEquals(Status.PUBLISHED, release.status(id(m, 10, d)));
        assertEquals(Status.WITHHELD, release.status(id(m, 20, d)));
      }
      for (int member : new int[] {0, 10, 20}) {
        assertEquals(Status.PUBLISHED, release.status(id(m, member, 7)));
      }
    }
    // Now A_d = N_d − 20 with Σ A_d = 28: any A day can be anything from 0 to 28, and the
    // number's day anything from 20 to 48; both widths are 28 ≥ 11.
    Interval aMonday = new DisclosureAudit(K).intervals(release).get(id(0, 0, 0));
    assertEquals(0, aMonday.lower(), 1e-6);
    assertEquals(28, aMonday.upper(), 1e-6);
    Interval numberMonday = new DisclosureAudit(K).intervals(release).get(id(0, 20, 0));
    assertEquals(20, numberMonday.lower(), 1e-6);
    assertEquals(48, numberMonday.upper(), 1e-6);
  }
}

package io.conversa.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What complementary suppression withholds, on releases small enough to follow by hand. */
class ComplementarySuppressionTest {
  private static final int K = 11;
  private static final String DAY = "2026-11-02";

  private static List<Integer> secondaryIds(Release release, SuppressionResult result) {
    return release.figures().stream()
        .filter(f -> result.secondaryGroups().contains(f.group()))
        .map(Figure::id)
        .toList();
  }

  @Test
  void twoSmallCellsGetAThirdPartner() {
    // c1 + c2 = 5 < 11. Candidates: c3 (30) and c4 (50) at preference 0, the total at 1:
    // c3 is the smallest. Then c1 + c2 + c3 = 35 and each of them lies in [0, 35].
    Release release = DisclosureAuditTest.twoSmallCells();
    SuppressionResult result = new ComplementarySuppression(K).apply(release);
    assertTrue(result.passed());
    assertEquals(2, result.primaryGroups());
    assertEquals(List.of(3), secondaryIds(release, result));
    assertEquals(Status.PUBLISHED, release.status(4));
    assertEquals(Status.PUBLISHED, release.status(5));
    assertEquals(35, new DisclosureAudit(K).intervals(release).get(1).upper(), 1e-6);
  }

  @Test
  void anInequalityIsClosedByWithholdingItsBound() {
    // converted ≤ delivered: withholding delivered (3) leaves converted unbounded above.
    Release release = DisclosureAuditTest.convertedUnderDelivered();
    SuppressionResult result = new ComplementarySuppression(K).apply(release);
    assertTrue(result.passed());
    assertEquals(List.of(2), secondaryIds(release, result));
    assertEquals(Double.POSITIVE_INFINITY,
        new DisclosureAudit(K).intervals(release).get(1).upper());
  }

  @Test
  void moneyKnownTooWellGetsItsTotalWithheld() {
    // r1's only relation with a published figure is the total: once withheld, r1 is unbounded.
    Release release = DisclosureAuditTest.revenueNextToACappedPartner();
    SuppressionResult result = new ComplementarySuppression(K).apply(release);
    assertTrue(result.passed());
    assertEquals(List.of(3), secondaryIds(release, result));
    assertEquals(Status.PUBLISHED, release.status(4));
  }

  @Test
  void fixedFiguresAreNeverWithheldEvenWhenPreferred() {
    // total (45, fixed) = g (4, primary) + h (1, fixed, preference 0) + i (40, preference 2).
    // h would come first by preference and value, but it is fixed: i is withheld, g ∈ [0, 44].
    Release release = Release.builder()
        .add(Figures.fixed(Figures.count(1, "total", "day", DAY, "reached", 45, 0)))
        .add(Figures.count(2, "g", "day", DAY, "reached", 4, 2))
        .add(Figures.fixed(Figures.count(3, "h", "day", DAY, "reached", 1, 0)))
        .add(Figures.count(4, "i", "day", DAY, "reached", 40, 2))
        .relate(Relation.sum("total", 1, List.of(2, 3, 4)))
        .build();
    Figures.primary(release, K);
    SuppressionResult result = new ComplementarySuppression(K).apply(release);
    assertTrue(result.passed());
    assertEquals(List.of(4), secondaryIds(release, result));
    assertEquals(Status.PUBLISHED, release.status(1));
    assertEquals(Status.PUBLISHED, release.status(3));
  }

  @Test
  void anUnknownFixedFigureIsProtectedByThisRunsFigures() {
    // P (10, preference 3) = f (NaN, fixed, withheld earlier) + j (10, preference 2).
    // Round 1: f is P − j, so the subtraction pass withholds j (preference 2 before 3). Then
    // f ∈ [0, 10], narrower than 11: P is withheld for f. Round 2: f + j = P with all three
    // unknown: unbounded, clean. The last pass publishes j again: with P withheld, f + j = P
    // leaves f unbounded all the same (j has k people; it needs no protection of its own).
    Release release = Release.builder()
        .add(Figures.count(1, "P", "week", DAY, "reached", 10, 3))
        .add(Figures.fixed(Figures.count(2, "f", "day", DAY, "reached", Double.NaN, 2)),
            Status.WITHHELD)
        .add(Figures.count(3, "j", "day", "2026-11-03", "reached", 10, 2))
        .relate(Relation.sum("P", 1, List.of(2, 3)))
        .build();
    SuppressionResult result = new ComplementarySuppression(K).apply(release);
    assertTrue(result.passed());
    assertEquals(0, result.primaryGroups());
    assertEquals(List.of("P"), result.secondaryGroups().stream().map(g -> g.cell().member()).toList());
    assertEquals(Status.PUBLISHED, release.status(3));
    assertEquals(2, result.rounds());
    assertEquals(Status.WITHHELD, release.status(2));
  }

  @Test
  void aFigureNothingCanProtectIsReturnedNotLooped() {
    // week (9, fixed) = earlier (NaN, fixed, withheld) + other (7, fixed): earlier is exactly 2
    // and every other figure is fixed, so no round can withhold anything.
    Release release = Release.builder()
        .add(Figures.fixed(Figures.count(1, "week", "week", DAY, "reached", 9, 3)))
        .add(Figures.fixed(Figures.count(2, "earlier", "day", DAY, "reached", Double.NaN, 2)),
            Status.WITHHELD)
        .add(Figures.fixed(Figures.count(3, "other", "day", DAY, "reached", 7, 2)))
        .relate(Relation.sum("week", 1, List.of(2, 3)))
        .build();
    SuppressionResult result = new ComplementarySuppression(K).apply(release);
    assertFalse(result.passed());
    assertEquals(1, result.rounds());
    assertTrue(result.secondaryGroups().isEmpty());
    assertEquals(2, result.findings().get(0).figure().id());
  }

  @Test
  void anUnknownMoneyFigureNeedsOnlyANonZeroInterval() {
    // total (50, fixed) = f (NaN, fixed, withheld) + g (20): f = 30 exactly. Withholding g makes
    // both [0, 50]: any width above 0 protects an unknown amount, and 50 ≥ 20 protects g.
    Release release = Release.builder()
        .add(Figures.fixed(Figures.money(1, "total", 50, 0)))
        .add(Figures.fixed(Figures.money(2, "f", Double.NaN, 2)), Status.WITHHELD)
        .add(Figures.money(3, "g", 20, 2))
        .relate(Relation.sum("total", 1, List.of(2, 3)))
        .build();
    assertEquals(1, new DisclosureAudit(K).audit(release).size());
    SuppressionResult result = new ComplementarySuppression(K).apply(release);
    assertTrue(result.passed());
    assertEquals(List.of(3), secondaryIds(release, result));
  }
}

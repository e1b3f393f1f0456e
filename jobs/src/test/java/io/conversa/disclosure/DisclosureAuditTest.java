package io.conversa.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Intervals an attacker can derive, on releases small enough to solve by hand. */
class DisclosureAuditTest {
  private static final int K = 11;
  private static final String DAY = "2026-11-02";

  /** all (85) = c1 (2) + c2 (3) + c3 (30) + c4 (50); c1 and c2 withheld. */
  static Release twoSmallCells() {
    Release release = Release.builder()
        .add(Figures.count(1, "c1", "day", DAY, "reached", 2, 0))
        .add(Figures.count(2, "c2", "day", DAY, "reached", 3, 0))
        .add(Figures.count(3, "c3", "day", DAY, "reached", 30, 0))
        .add(Figures.count(4, "c4", "day", DAY, "reached", 50, 0))
        .add(Figures.count(5, "all", "day", DAY, "reached", 85, 1))
        .relate(Relation.sum("all = Σ c", 5, List.of(1, 2, 3, 4)))
        .build();
    Figures.primary(release, K);
    return release;
  }

  @Test
  void twoSmallCellsUnderAPublishedTotalShareTheirSum() {
    // c1 + c2 = 85 − 30 − 50 = 5: each of them lies in [0, 5], and 5 < 11.
    List<Finding> findings = new DisclosureAudit(K).audit(twoSmallCells());
    assertEquals(2, findings.size());
    assertEquals(List.of(1, 2), findings.stream().map(f -> f.figure().id()).toList());
    for (Finding finding : findings) {
      assertEquals(0, finding.lower(), 1e-6);
      assertEquals(5, finding.upper(), 1e-6);
    }
  }

  @Test
  void cellsSharingExactlyTheSameRelationsEachReachTheWholeSum() {
    // c1 + c2 + c3 = 85 − 50 = 35 and nothing else bounds them: each lies in [0, 35]. Raw
    // commons-math3 3.6.1 reports 0 as the max of c2 and c3 here (identical columns).
    Release release = twoSmallCells();
    release.withhold(new Figure(3, new CellKey(Figures.TABLE, "c3", "day", DAY), "reached",
        "reached", 30, Protection.AT_LEAST_K, 0, false).group());
    for (Interval interval : new DisclosureAudit(K).intervals(release).values()) {
      assertEquals(0, interval.lower(), 1e-6);
      assertEquals(35, interval.upper(), 1e-6);
    }
  }

  /** converted (2, withheld) ≤ delivered (3, published), two families of one row. */
  static Release convertedUnderDelivered() {
    CellKey row = new CellKey(Figures.TABLE, "promo-a", "day", DAY);
    return Release.builder()
        .add(new Figure(1, row, "converted", "conversions", 2, Protection.AT_LEAST_K, 2, false),
            Status.WITHHELD)
        .add(new Figure(2, row, "delivered", "deliveries", 3, Protection.AT_LEAST_K, 2, false))
        .relate(Relation.atMost("converted ≤ delivered", 1, 2))
        .build();
  }

  @Test
  void anInequalityBoundsAWithheldFigure() {
    // 0 ≤ converted ≤ 3: width 3 < 11.
    List<Finding> findings = new DisclosureAudit(K).audit(convertedUnderDelivered());
    assertEquals(1, findings.size());
    assertEquals(0, findings.get(0).lower(), 1e-6);
    assertEquals(3, findings.get(0).upper(), 1e-6);
  }

  @Test
  void moneyIsSafeWhenTheIntervalIsAsWideAsTheAmount() {
    // total 101 = r1 (100) + r2 (1), both withheld: each lies in [0, 101]; 101 ≥ 100 and ≥ 1.
    Release release = Release.builder()
        .add(Figures.money(1, "r1", 100, 2), Status.WITHHELD)
        .add(Figures.money(2, "r2", 1, 2), Status.WITHHELD)
        .add(Figures.money(3, "total", 101, 0))
        .relate(Relation.sum("total = r1 + r2", 3, List.of(1, 2)))
        .build();
    assertTrue(new DisclosureAudit(K).audit(release).isEmpty());
    Interval r1 = new DisclosureAudit(K).intervals(release).get(1);
    assertEquals(0, r1.lower(), 1e-6);
    assertEquals(101, r1.upper(), 1e-6);
  }

  /**
   * total 100.5 = r1 (100) + r2 (0.5), both withheld, and r2 never exceeds a published cap of 2.
   * So r2 ∈ [0, 2] and r1 = 100.5 − r2 ∈ [98.5, 100.5]: a reader knows r1 to within 2, far less
   * than its 100. r2's width 2 covers its 0.5.
   */
  static Release revenueNextToACappedPartner() {
    return Release.builder()
        .add(Figures.money(1, "r1", 100, 2), Status.WITHHELD)
        .add(Figures.money(2, "r2", 0.5, 2), Status.WITHHELD)
        .add(Figures.money(3, "total", 100.5, 0))
        .add(Figures.money(4, "cap", 2, 0))
        .relate(Relation.sum("total = r1 + r2", 3, List.of(1, 2)))
        .relate(Relation.atMost("r2 ≤ cap", 2, 4))
        .build();
  }

  @Test
  void moneyKnownToWithinLessThanItsAmountIsFlagged() {
    List<Finding> findings = new DisclosureAudit(K).audit(revenueNextToACappedPartner());
    assertEquals(1, findings.size());
    assertEquals(1, findings.get(0).figure().id());
    assertEquals(98.5, findings.get(0).lower(), 1e-6);
    assertEquals(100.5, findings.get(0).upper(), 1e-6);
  }

  @Test
  void anUnknownFixedFigureIsAnUnknownAndFlaggedWhenPinned() {
    // week (9, fixed) = earlier (NaN, fixed, withheld) + today (7): earlier is exactly 2. (Pinned
    // to exactly 0 it would reveal nobody, and would be no finding.)
    Release release = Release.builder()
        .add(Figures.fixed(Figures.count(1, "promo-a", "week", DAY, "reached", 9, 3)))
        .add(Figures.fixed(Figures.count(2, "promo-a", "day", DAY, "reached", Double.NaN, 2)),
            Status.WITHHELD)
        .add(Figures.count(3, "promo-a", "day", "2026-11-03", "reached", 7, 2))
        .relate(Relation.sum("week", 1, List.of(2, 3)))
        .build();
    List<Finding> findings = new DisclosureAudit(K).audit(release);
    assertEquals(1, findings.size());
    assertEquals(0, findings.get(0).width(), 1e-9);
    assertEquals(2, findings.get(0).lower(), 1e-9);
  }

  @Test
  void aWithheldFigureInNoRelationIsUnboundedAbove() {
    Release release = Release.builder()
        .add(Figures.count(1, "lonely", "day", DAY, "reached", 3, 2), Status.WITHHELD)
        .build();
    assertEquals(new Interval(0, Double.POSITIVE_INFINITY),
        new DisclosureAudit(K).intervals(release).get(1));
    assertTrue(new DisclosureAudit(K).audit(release).isEmpty());
  }

  @Test
  void inconsistentValuesAreABugNotAFinding() {
    // a + b = 5 and a + b + e = 3 with e = 0 published: no non-negative a, b satisfies both.
    Release release = Release.builder()
        .add(Figures.count(1, "a", "day", DAY, "reached", 2, 2), Status.WITHHELD)
        .add(Figures.count(2, "b", "day", DAY, "reached", 3, 2), Status.WITHHELD)
        .add(Figures.count(3, "t", "day", DAY, "reached", 5, 0))
        .add(Figures.count(4, "u", "day", DAY, "reached", 3, 0))
        .add(Figures.count(5, "e", "day", DAY, "reached", 0, 0))
        .relate(Relation.sum("t", 3, List.of(1, 2)))
        .relate(Relation.sum("u", 4, List.of(1, 2, 5)))
        .build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new DisclosureAudit(K).audit(release));
    assertTrue(e.getMessage().contains("contradict"), e.getMessage());
  }
}

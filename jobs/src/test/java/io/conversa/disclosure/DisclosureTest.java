package io.conversa.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Release and audit on small histories whose every figure is known by hand. */
class DisclosureTest {
  private static final LocalDate MONDAY = LocalDate.parse("2026-11-16");

  /**
   * One number; campaign "big" sends 20 a day to 20 people, campaign "small" 4 a day to 4 new
   * people, Monday to Sunday. With only the primary rule, each small day is the number's day
   * minus the big day: 24 − 20 = 4, pinned.
   */
  private static ClientModel week() {
    Models models = new Models(11);
    for (int d = 0; d < 7; d++) {
      LocalDate day = MONDAY.plusDays(d);
      models.atom("big", "n1", day, 20).atom("small", "n1", day, 4)
          .people("campaign", "big", "day", day, 20).people("campaign", "small", "day", day, 4)
          .people("number", "n1", "day", day, 24);
    }
    return models.people("campaign", "big", "week", MONDAY, 20).people("campaign", "small", "week", MONDAY, 28)
        .people("number", "n1", "week", MONDAY, 48).build();
  }

  @Test
  void primarySuppressionAloneLeavesEverySmallDayPinned() {
    List<Disclosure.Finding> findings = Disclosure.audit(week(), 11);
    assertEquals(7, findings.stream().filter(f -> f.figure().equals("sent")).count(), findings.toString());
  }

  @Test
  void theReleaseWithholdsTheNumbersDaysNotTheBigCampaignsAndProvesItSafe() {
    ClientModel model = week();
    Disclosure.Decision decision = Disclosure.release(model, 11, (row, family) -> row.tier() == 0 ? 1 : 10);
    assertEquals(List.of(), decision.unprotected());
    for (int d = 0; d < 7; d++) {
      LocalDate day = MONDAY.plusDays(d);
      assertFalse(decision.withheld()[Models.row(model, "campaign", "big", "day", day)][0], "the big campaign's days stay published");
      assertTrue(decision.withheld()[Models.row(model, "campaign", "small", "day", day)][0]);
    }
    assertFalse(decision.withheld()[Models.row(model, "campaign", "small", "week", MONDAY)][0], "the small campaign's week (28 people)");
  }

  /** Every programme is built from relations that hold: the true history satisfies each of them. */
  @Test
  void theTrueHistorySatisfiesEveryWitnessProgramme() {
    ClientModel model = week();
    boolean[][] withheld = new boolean[model.rows().size()][];
    for (int r = 0; r < withheld.length; r++) {
      withheld[r] = new boolean[model.row(r).families().size()];
    }
    int small = Models.row(model, "campaign", "small", "day", MONDAY.plusDays(2));
    withheld[small][0] = true;
    WitnessProgram.Group group = new WitnessProgram.Group(small, 0);
    for (WitnessProgram.Mode mode : WitnessProgram.Mode.values()) {
      for (boolean wide : new boolean[] {false, true}) {
        WitnessProgram program = new WitnessProgram(model, withheld, model.row(small).families().get(0).space(),
            WitnessProgram.quantities(model, List.of(group), wide), model.row(small).firstDay() - 7, model.row(small).lastDay() + 7, mode,
            (row, family) -> 1);
        assertEquals(null, program.truthBreaks(), mode + (wide ? " wide" : ""));
      }
    }
  }
}

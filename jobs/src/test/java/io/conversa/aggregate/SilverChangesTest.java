package io.conversa.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.conversa.config.FunnelRules;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The gold dates each kind of silver change can move, under the default rules (24 h, 7 d). */
class SilverChangesTest {
  private static LocalDate[] on(String first, String last) {
    return new LocalDate[] {LocalDate.parse(first), LocalDate.parse(last)};
  }

  @Test
  void aLateStatusMovesOnlyItsOwnDate() {
    SilverChanges status = new SilverChanges(on("2026-11-20", "2026-11-20"), null, null, null, null);
    assertArrayEquals(on("2026-11-20", "2026-11-20"), status.goldDates(FunnelRules.DEFAULTS));
  }

  @Test
  void aPurchaseMovesTheAttributionWindowBeforeAndAfterIt() {
    // A purchase on 11-20 can credit messages from 11-13 on, and an order makes a payment up to
    // 7 days later the same purchase.
    SilverChanges purchase = new SilverChanges(null, null, null, on("2026-11-20", "2026-11-20"), null);
    assertArrayEquals(on("2026-11-13", "2026-11-27"), purchase.goldDates(FunnelRules.DEFAULTS));
  }

  @Test
  void aReplyMovesTheReplyWindowBeforeAndTheNextDay() {
    SilverChanges reply = new SilverChanges(null, null, on("2026-11-20", "2026-11-21"), null, null);
    assertArrayEquals(on("2026-11-19", "2026-11-22"), reply.goldDates(FunnelRules.DEFAULTS));
    // A 36 h reply window reaches two dates back.
    FunnelRules longer = new FunnelRules(11, Duration.ofHours(36), Duration.ofDays(7));
    assertArrayEquals(on("2026-11-18", "2026-11-22"), reply.goldDates(longer));
    assertEquals(8, SilverChanges.readReach(FunnelRules.DEFAULTS), "7 days of attribution and a day more");
  }

  @Test
  void aReshapedMessageReachesBackAWindowAndNothingChangedMovesNothing() {
    SilverChanges reshaped = new SilverChanges(on("2026-11-20", "2026-11-20"), on("2026-11-20", "2026-11-20"), null, null, null);
    assertArrayEquals(on("2026-11-13", "2026-11-20"), reshaped.goldDates(FunnelRules.DEFAULTS));
    assertNull(new SilverChanges(null, null, null, null, null).goldDates(FunnelRules.DEFAULTS));
  }
}

package io.conversa.aggregate;

import io.conversa.config.FunnelRules;
import java.time.LocalDate;

/**
 * What changed in silver since the last aggregate, as [first, last] date ranges per kind of
 * change (null: none), and the gold dates each kind can move under the funnel's rules. A message
 * sent, dropped or reshaped (its user, time, campaign or failure) can take a purchase's credit
 * from a message up to the attribution window before it, or answer an ad referral up to the reply
 * window before it; a later status of the same message moves only its own date. A user's message
 * can be the reply to, or a click on, a message up to the reply window before it, and opens or
 * closes the session of the user's next message, up to a day later. A purchase credits messages up
 * to the window before it, and an order can make a payment up to the window after it the same
 * purchase. A new link of a user's ids moves the dates around its first sight.
 *
 * @param outbound outbound messages inserted, deleted or updated (send dates)
 * @param reshaped of those, the ones inserted, deleted, or changed in who, when, which campaign
 *     or whether they failed
 * @param inbound users' messages (event dates)
 * @param conversions purchases (event dates)
 * @param links user links (first sight)
 */
record SilverChanges(LocalDate[] outbound, LocalDate[] reshaped, LocalDate[] inbound, LocalDate[] conversions, LocalDate[] links) {

  /** [first, last] of the gold dates these changes can move, or null when none. */
  LocalDate[] goldDates(FunnelRules rules) {
    long attribution = rules.attributionDays();
    long reply = rules.replyDays();
    LocalDate[] gold = ChangedDates.widen(reshaped, Math.max(attribution, reply), 0);
    gold = ChangedDates.union(gold, outbound);
    gold = ChangedDates.union(gold, ChangedDates.widen(inbound, reply, 1));
    gold = ChangedDates.union(gold, ChangedDates.widen(conversions, attribution, attribution));
    return ChangedDates.union(gold, ChangedDates.widen(links, attribution + 1, 1));
  }

  /** [first, last] of the dates silver rows changed on, for silver's checks, or null. */
  LocalDate[] silverDates() {
    return ChangedDates.union(ChangedDates.union(outbound, inbound), conversions);
  }

  /**
   * Days before the first recomputed date that silver is read from: the messages and purchases a
   * recomputed message competes with for a purchase's credit, and the messages a reply answers.
   */
  static int readReach(FunnelRules rules) {
    return Math.max(rules.attributionDays(), rules.replyDays()) + 1;
  }
}

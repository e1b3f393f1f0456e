package io.conversa.release;

import io.conversa.disclosure.AtomRule;
import io.conversa.disclosure.AtomSpace;
import java.util.List;
import java.util.Map;

/**
 * The atom spaces gold's figures are sums of. Outbound messages: one atom per phone number,
 * campaign, template, pricing category and local day, which every funnel, template and
 * conversations row adds up; customer-service sessions per number and day; ad referrals per ad
 * and day. The rules are what holds within any set of messages, and so what any reader can
 * assume of an atom.
 */
public final class GoldSpaces {
  public static final String OUTBOUND = "outbound";
  public static final String SESSIONS = "sessions";
  public static final String REFERRALS = "referrals";
  /** An outbound atom's dearest price per delivered message under the rate card: a bound, not a figure. */
  public static final String MAX_PRICE = "max_price";

  private GoldSpaces() {}

  public static Map<String, AtomSpace> all() {
    return Map.of(OUTBOUND, outbound(), SESSIONS, sessions(), REFERRALS, referrals());
  }

  public static AtomSpace outbound() {
    return new AtomSpace(OUTBOUND, List.of("phone_number_id", "campaign", "template", "pricing_category"),
        List.of("sent", "delivered", "read", "failed", "replied", "clicked", "converted", "conversions", "revenue", "cost", "billable",
            MAX_PRICE),
        List.of(
            AtomRule.sumAtMost("delivered", "failed", "sent"),
            AtomRule.atMost("read", "delivered"),
            // A reply answers a message that did not fail; a click is a reply by button.
            AtomRule.sumAtMost("replied", "failed", "sent"),
            AtomRule.atMost("clicked", "replied"),
            // Purchases credit messages that did not fail; a converted message has one or more.
            AtomRule.sumAtMost("converted", "failed", "sent"),
            AtomRule.atMost("converted", "conversions"),
            AtomRule.atMost("billable", "sent"),
            // Meta charges delivered messages at most the card's dearest price of their category;
            // a free category (service) costs nothing.
            new AtomRule("cost <= max_price * delivered", List.of(
                new AtomRule.Term("cost", AtomRule.constant(1)),
                new AtomRule.Term("delivered", (space, atom) -> -atom.value(space.quantity(MAX_PRICE)))))));
  }

  public static AtomSpace sessions() {
    return new AtomSpace(SESSIONS, List.of("phone_number_id", "pricing_category"), List.of("sessions"), List.of());
  }

  public static AtomSpace referrals() {
    return new AtomSpace(REFERRALS, List.of("referral_source_id"), List.of("started", "replied", "converted", "revenue"),
        List.of(AtomRule.atMost("replied", "started"), AtomRule.atMost("converted", "started")));
  }
}

package io.conversa.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A linear relation every reader of the published tables knows, {@code Σ coefficient·figure = 0}
 * or {@code ≤ 0}: a week is the sum of its days, campaigns add up to their number, no more
 * conversions than deliveries. The audit treats these as the attacker's equations.
 *
 * @param name says where the relation comes from, for error messages
 */
public record Relation(String name, List<Term> terms, Sense sense) {

  /** Whether the sum is exactly 0 or at most 0. */
  public enum Sense {
    EQUAL,
    LESS_OR_EQUAL
  }

  /** One figure of a relation and its coefficient (usually ±1). */
  public record Term(int figureId, double coefficient) {
    public Term {
      if (!Double.isFinite(coefficient)) {
        throw new IllegalArgumentException("coefficient of figure " + figureId
            + " is not finite: " + coefficient);
      }
    }
  }

  public Relation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sense, "sense");
    terms = List.copyOf(terms);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("relation " + name + " has no terms");
    }
  }

  /** {@code total = Σ parts}, kept as {@code total − Σ parts = 0}. */
  public static Relation sum(String name, int totalId, List<Integer> partIds) {
    List<Term> terms = new ArrayList<>(partIds.size() + 1);
    terms.add(new Term(totalId, 1));
    for (int part : partIds) {
      terms.add(new Term(part, -1));
    }
    return new Relation(name, terms, Sense.EQUAL);
  }

  /** {@code smaller ≤ larger}, kept as {@code smaller − larger ≤ 0}. */
  public static Relation atMost(String name, int smallerId, int largerId) {
    return new Relation(
        name, List.of(new Term(smallerId, 1), new Term(largerId, -1)), Sense.LESS_OR_EQUAL);
  }
}

package io.conversa.disclosure;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * {@code Σ coefficient·quantity ≤ 0} within one atom: a fact every reader knows of every cell,
 * however fine (no more delivered than sent; a free pricing category costs nothing). Witnesses
 * keep every rule in every atom they change.
 */
public record AtomRule(String name, List<Term> terms) implements Serializable {
  public AtomRule {
    terms = List.copyOf(terms);
  }

  /** One quantity of the rule and its coefficient in a given atom. */
  public record Term(String quantity, Coefficient coefficient) implements Serializable {}

  /** A coefficient, which may depend on the atom (a price by pricing category). */
  @FunctionalInterface
  public interface Coefficient extends Serializable {
    double of(AtomSpace space, Atom atom);
  }

  /** {@code smaller ≤ larger}. */
  public static AtomRule atMost(String smaller, String larger) {
    return new AtomRule(smaller + " <= " + larger, List.of(new Term(smaller, constant(1)), new Term(larger, constant(-1))));
  }

  /** {@code a + b ≤ larger}. */
  public static AtomRule sumAtMost(String a, String b, String larger) {
    return new AtomRule(a + " + " + b + " <= " + larger,
        List.of(new Term(a, constant(1)), new Term(b, constant(1)), new Term(larger, constant(-1))));
  }

  /**
   * {@code amount ≤ price(dimension) · count}: what a message can cost at most, by its pricing
   * category; a category the map lacks (or prices at 0) costs nothing.
   */
  public static AtomRule pricedAtMost(String amount, String count, String dimension, Map<String, Double> maxPrice) {
    Map<String, Double> prices = Map.copyOf(maxPrice);
    return new AtomRule(amount + " <= max price by " + dimension + " * " + count, List.of(
        new Term(amount, constant(1)),
        new Term(count, (space, atom) -> -prices.getOrDefault(atom.dimension(space.dimension(dimension)), 0.0))));
  }

  public static Coefficient constant(double value) {
    return (space, atom) -> value;
  }
}

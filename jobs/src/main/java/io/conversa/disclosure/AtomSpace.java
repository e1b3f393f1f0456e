package io.conversa.disclosure;

import java.io.Serializable;
import java.util.List;

/**
 * The finest grain a family of gold figures is a sum of: its dimensions (number, campaign,
 * template, pricing category for outbound messages) and the local day, each atom holding one
 * value per quantity. Every gold row of figures in this space is the sum of the atoms that
 * match its members and lie in its period; the atoms are what an attacker solves for.
 *
 * @param rules what holds within every atom, whatever its values (no more delivered than sent)
 */
public record AtomSpace(String name, List<String> dimensions, List<String> quantities, List<AtomRule> rules) implements Serializable {
  public AtomSpace {
    dimensions = List.copyOf(dimensions);
    quantities = List.copyOf(quantities);
    rules = List.copyOf(rules);
  }

  public int quantity(String quantity) {
    int index = quantities.indexOf(quantity);
    if (index < 0) {
      throw new IllegalArgumentException("the " + name + " space has no quantity " + quantity);
    }
    return index;
  }

  public int dimension(String dimension) {
    return dimensions.indexOf(dimension);
  }
}

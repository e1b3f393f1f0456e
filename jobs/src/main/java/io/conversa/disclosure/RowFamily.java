package io.conversa.disclosure;

import java.io.Serializable;
import java.util.List;

/**
 * Figures of one row that are published or withheld together because the same people are behind
 * them (a campaign day's recipients: its users, sent, delivered, ..., cost).
 *
 * @param space the atom space of its measures (null when none adds up: medians only)
 * @param sensitive withheld by the primary rule: fewer than k people, the figures to protect
 * @param people the count of people behind them, or null
 */
public record RowFamily(
    String name, String space, boolean withheld, boolean sensitive, List<RowMeasure> measures, RowPeople people) implements Serializable {
  public RowFamily {
    measures = List.copyOf(measures);
  }

  public RowFamily withStatus(boolean nowWithheld) {
    return new RowFamily(name, space, nowWithheld, sensitive, measures, people);
  }
}

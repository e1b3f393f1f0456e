package io.conversa.release;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of a gold table of figures, as disclosure control sees it: where it sits, its figures
 * (NaN where the value is not known: withheld by an earlier run), and which families are
 * withheld.
 *
 * @param members the values of the table's member columns ("(none)" for a null)
 * @param values figure name to value; a figure the row does not have (a null in gold: no reading,
 *     mixed currencies) is absent
 * @param currency revenue_currency, or null when the row has no revenue or it is not known
 * @param withheldFamilies the families withheld before complementary suppression
 * @param sensitiveFamilies the withheld families with fewer than k people (the primary rule's),
 *     which complementary suppression protects; the others were withheld to protect them
 * @param fixed the row is outside the periods this run publishes: its status cannot change
 */
public record GoldCell(
    GoldTable table, String client, List<String> members, String period, LocalDate periodStart, Map<String, Double> values,
    String currency, Set<String> withheldFamilies, Set<String> sensitiveFamilies, boolean fixed) {

  public static final String NONE = "(none)";

  /** The members as one text: the key of the row within its table, client and period. */
  public String member() {
    return String.join(" | ", members);
  }
}

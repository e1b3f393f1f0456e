package io.conversa.disclosure;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One row of a gold table of figures as disclosure control sees it.
 *
 * @param table the gold table it belongs to
 * @param dimensions the table's member columns, in the spaces' dimension names
 * @param members the row's value of each of them
 * @param period day, week or month; {@code firstDay} and {@code lastDay} are epoch days, inclusive
 * @param tier how much an agency values the table's rows: a lower tier is withheld first
 * @param fixed an earlier run decided this row: its families keep their status
 */
public record GoldRow(
    String table, List<String> dimensions, Map<String, String> members, String period, int firstDay, int lastDay, int tier,
    boolean fixed, List<RowFamily> families) implements Serializable {
  public GoldRow {
    dimensions = List.copyOf(dimensions);
    members = Map.copyOf(members);
    families = List.copyOf(families);
  }

  public boolean covers(int day) {
    return day >= firstDay && day <= lastDay;
  }

  public int days() {
    return lastDay - firstDay + 1;
  }

  @Override
  public String toString() {
    return table + " " + members + " " + period + " " + java.time.LocalDate.ofEpochDay(firstDay);
  }
}

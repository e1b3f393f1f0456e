package io.conversa.disclosure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small client histories for disclosure tests: one atom space of messages by campaign and number
 * (sent, delivered), and rows of a campaign table and a number table by day, week and month,
 * each the true sum of its atoms. Rows are sensitive when fewer than k people are behind them.
 */
final class Models {
  static final AtomSpace SPACE = new AtomSpace("messages", List.of("campaign", "number"), List.of("sent", "delivered"),
      List.of(AtomRule.atMost("delivered", "sent")));
  private final List<Atom> atoms = new ArrayList<>();
  private final List<GoldRow> rows = new ArrayList<>();
  private final Map<String, Double> people = new HashMap<>();
  private final int k;

  Models(int k) {
    this.k = k;
  }

  /** {@code sent} messages (all delivered) of a campaign from a number on a day, to {@code users} people. */
  Models atom(String campaign, String number, LocalDate day, double sent) {
    atoms.add(new Atom((int) day.toEpochDay(), new String[] {campaign, number}, new double[] {sent, sent}));
    return this;
  }

  /** The people behind a row, as {@code table/member/period/start}. */
  Models people(String table, String member, String period, LocalDate start, double count) {
    people.put(table + "/" + member + "/" + period + "/" + start, count);
    return this;
  }

  /** Every row of both tables over the atoms' days, weeks and months, people as given (else one a message). */
  ClientModel build() {
    Map<String, GoldRow> made = new LinkedHashMap<>();
    for (Atom atom : atoms) {
      LocalDate day = LocalDate.ofEpochDay(atom.day());
      for (String table : List.of("campaign", "number")) {
        String member = table.equals("campaign") ? atom.dimension(0) : atom.dimension(1);
        for (String period : List.of("day", "week", "month")) {
          LocalDate start = switch (period) {
            case "day" -> day;
            case "week" -> day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            default -> day.withDayOfMonth(1);
          };
          made.putIfAbsent(table + "/" + member + "/" + period + "/" + start, null);
        }
      }
    }
    ClientModel bare = new ClientModel("c", Map.of(SPACE.name(), SPACE), Map.of(SPACE.name(), atoms), List.of(), Integer.MIN_VALUE);
    for (String key : made.keySet()) {
      String[] parts = key.split("/");
      LocalDate start = LocalDate.parse(parts[3]);
      LocalDate last = switch (parts[2]) {
        case "day" -> start;
        case "week" -> start.plusDays(6);
        default -> start.plusMonths(1).minusDays(1);
      };
      double sent = 0;
      for (Atom atom : atoms) {
        boolean member = parts[0].equals("campaign") ? atom.dimension(0).equals(parts[1]) : atom.dimension(1).equals(parts[1]);
        if (member && atom.day() >= start.toEpochDay() && atom.day() <= last.toEpochDay()) {
          sent += atom.value(0);
        }
      }
      double count = people.getOrDefault(key, sent);
      boolean sensitive = count < k;
      RowFamily family = new RowFamily("recipients", SPACE.name(), sensitive, sensitive,
          List.of(new RowMeasure("sent", "sent", sent, Protection.AT_LEAST_K), new RowMeasure("delivered", "delivered", sent,
              Protection.AT_LEAST_VALUE)),
          new RowPeople("users", "recipients", count, "sent"));
      rows.add(new GoldRow(parts[0], List.of(parts[0]), Map.of(parts[0], parts[1]), parts[2], (int) start.toEpochDay(),
          (int) last.toEpochDay(), parts[0].equals("number") ? 0 : 1, false, List.of(family)));
    }
    return new ClientModel("c", Map.of(SPACE.name(), SPACE), Map.of(SPACE.name(), atoms), rows, Integer.MIN_VALUE);
  }

  static int row(ClientModel model, String table, String member, String period, LocalDate start) {
    for (int r = 0; r < model.rows().size(); r++) {
      GoldRow row = model.row(r);
      if (row.table().equals(table) && row.members().get(table).equals(member) && row.period().equals(period)
          && row.firstDay() == start.toEpochDay()) {
        return r;
      }
    }
    throw new IllegalArgumentException("no row " + table + " " + member + " " + period + " " + start);
  }
}

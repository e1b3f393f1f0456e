package io.conversa.release;

import io.conversa.disclosure.GoldRow;
import io.conversa.disclosure.RowFamily;
import io.conversa.disclosure.RowMeasure;
import io.conversa.disclosure.RowPeople;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** A cell ({@link GoldCells}) as a {@link GoldRow}, its families' status told by the caller. */
final class CellRows {
  /** Whether a family is withheld, and whether it had fewer than k people: {withheld, sensitive}. */
  @FunctionalInterface
  interface Status {
    boolean[] of(String family, double people, boolean anything);
  }

  private CellRows() {}

  static GoldRow goldRow(TableSpec spec, Row cell, boolean fixed, Status status) {
    Map<String, String> members = cell.getJavaMap(cell.fieldIndex("members"));
    Map<String, Double> figures = cell.getJavaMap(cell.fieldIndex("figures"));
    String period = cell.getString(cell.fieldIndex("period"));
    LocalDate start = cell.getDate(cell.fieldIndex("period_start")).toLocalDate();
    List<RowFamily> families = new ArrayList<>();
    for (TableSpec.FamilySpec family : spec.families()) {
      double people = value(figures, family.people());
      boolean anything = people > 0;
      for (TableSpec.MeasureSpec measure : family.measures()) {
        anything |= value(figures, measure.column()) > 0;
      }
      boolean[] withheldAndSensitive = status.of(family.name(), people, anything);
      boolean withheld = withheldAndSensitive[0];
      List<RowMeasure> measures = new ArrayList<>();
      for (TableSpec.MeasureSpec measure : family.measures()) {
        double value = value(figures, measure.column());
        // A published figure without a value (revenue in mixed currencies) tells a reader nothing;
        // a withheld one is unknown to them, and its true value comes from the atoms.
        if (measure.quantity() != null && (withheld || !Double.isNaN(value))) {
          measures.add(new RowMeasure(measure.column(), measure.quantity(), value, measure.protection()));
        }
      }
      RowPeople rowPeople = family.identity() == null ? null : new RowPeople(family.people(), family.identity(), people,
          family.boundFor(members));
      families.add(new RowFamily(family.name(), family.space(), withheld, withheldAndSensitive[1], measures, rowPeople));
    }
    return new GoldRow(spec.name(), spec.dimensions(), members, period, (int) start.toEpochDay(),
        (int) lastDay(period, start).toEpochDay(), spec.tier(), fixed, families);
  }

  static double value(Map<String, Double> figures, String column) {
    Double value = figures.get(column);
    return value == null ? Double.NaN : value;
  }

  static LocalDate lastDay(String period, LocalDate start) {
    return switch (period) {
      case "day" -> start;
      case "week" -> start.plusDays(6);
      default -> start.plusMonths(1).minusDays(1);
    };
  }
}

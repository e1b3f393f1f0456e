package io.conversa.release;

import io.conversa.disclosure.Protection;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A gold table of figures as disclosure control, readers and reports see it, declared once in
 * the registry ({@code io.conversa.aggregate.GoldTables}): the columns that name a row beside its
 * client and period, its periods, the families of figures withheld together with the people
 * behind each, the atoms each additive figure sums, and the rates built from its figures.
 *
 * @param columns every column of the published table
 * @param dimensions the member columns, named as the dimensions of the atom spaces
 * @param periods the grains it is published at: day, week, month (a table of A/B templates is read by the week)
 * @param tier how much an agency values its rows: a table of a lower tier gives up its figures
 *     first when something must be withheld to protect a small one (a number's totals before a
 *     campaign's rows, which are what an agency sells)
 */
public record TableSpec(
    String name, List<String> columns, List<String> dimensions, List<String> periods, int tier, List<FamilySpec> families,
    List<RateSpec> rates) implements Serializable {
  public TableSpec {
    columns = List.copyOf(columns);
    dimensions = List.copyOf(dimensions);
    periods = List.copyOf(periods);
    families = List.copyOf(families);
    rates = List.copyOf(rates);
  }

  /**
   * Figures withheld together, because the same people are behind them.
   *
   * @param space the atom space its additive figures sum (null when none adds up: medians)
   * @param people the column counting those people
   * @param identity which people they are (recipients, buyers): counts of the same identity in
   *     different rows bound each other
   * @param bound the quantity that counts at least one event of each of them (recipients get at
   *     least one message each), or null
   * @param unboundWhere rows where {@code bound} does not hold, as a member and its value (a
   *     conversations row of category service also counts people who only opened a session), or null
   */
  public record FamilySpec(String name, String space, String people, String identity, String bound, List<MeasureSpec> measures,
      Map.Entry<String, String> unboundWhere) implements Serializable {
    public FamilySpec {
      measures = List.copyOf(measures);
      // Map.entry is not serializable, and specs travel to the release tasks.
      unboundWhere = unboundWhere == null ? null : new java.util.AbstractMap.SimpleImmutableEntry<>(unboundWhere);
    }

    public FamilySpec(String name, String space, String people, String identity, String bound, List<MeasureSpec> measures) {
      this(name, space, people, identity, bound, measures, null);
    }

    /** The bound of a row with these members: {@code bound}, unless the row is one it does not hold in. */
    public String boundFor(Map<String, String> members) {
      return unboundWhere != null && unboundWhere.getValue().equals(members.get(unboundWhere.getKey())) ? null : bound;
    }

    /** Every figure column of the family, people included. */
    public List<String> columns() {
      List<String> columns = new ArrayList<>();
      columns.add(people);
      measures.forEach(m -> columns.add(m.column()));
      return columns;
    }
  }

  /**
   * A figure of a family.
   *
   * @param quantity the atom quantity it sums, or null for a figure that does not add up (a median)
   * @param currency the column naming its currency (revenue_currency), or null for a count
   */
  public record MeasureSpec(String column, String quantity, Protection protection, String currency) implements Serializable {
    public static MeasureSpec anchor(String column, String quantity) {
      return new MeasureSpec(column, quantity, Protection.AT_LEAST_K, null);
    }

    public static MeasureSpec count(String column, String quantity) {
      return new MeasureSpec(column, quantity, Protection.AT_LEAST_VALUE, null);
    }

    public static MeasureSpec money(String column, String quantity, String currency) {
      return new MeasureSpec(column, quantity, Protection.AT_LEAST_VALUE, currency);
    }

    /** A figure that adds up to nothing (a median): it follows its family's status. */
    public static MeasureSpec other(String column) {
      return new MeasureSpec(column, null, Protection.AT_LEAST_VALUE, null);
    }
  }

  /** A rate and the two figures it divides: withheld when either is. */
  public record RateSpec(String name, String numerator, String denominator) implements Serializable {}

  /** Every figure column, people included, of every family. */
  public List<String> figureColumns() {
    List<String> columns = new ArrayList<>();
    families.forEach(f -> columns.addAll(f.columns()));
    return columns;
  }

  /** The figure columns gold publishes (people like buyers count for the primary rule only). */
  public List<String> publishedColumns() {
    return figureColumns().stream().filter(columns::contains).toList();
  }

  public FamilySpec familyOf(String column) {
    return families.stream().filter(f -> f.columns().contains(column)).findFirst().orElse(null);
  }
}

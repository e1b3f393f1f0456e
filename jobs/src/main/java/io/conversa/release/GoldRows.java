package io.conversa.release;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Spark rows of a gold table of figures as {@link GoldCell}s, and back once released. */
public final class GoldRows {
  private GoldRows() {}

  /** The member of a row as one text, as {@link GoldCell#member()} writes it. */
  public static Column memberOf(GoldTable table) {
    return concat_ws(" | ", table.memberColumns().stream().map(m -> coalesce(col(m), lit(GoldCell.NONE))).toArray(Column[]::new));
  }

  /**
   * A row computed by aggregate, its families withheld by the primary rule: fewer than k people
   * behind a family's figures, unless none of them is more than zero (nobody to protect).
   */
  public static GoldCell computed(GoldTable table, Row row, int k, Predicate<GoldCell> fixed, Map<GoldCell, List<String>> earlier) {
    Map<String, Double> values = values(table, row);
    Set<String> withheld = new HashSet<>();
    for (GoldTable.Family family : table.families()) {
      long people = ((Number) row.getAs(family.people())).longValue();
      boolean anything = family.measures().stream().anyMatch(m -> values.getOrDefault(m, 0.0) > 0);
      if (people < k && (people > 0 || anything)) {
        withheld.add(family.name());
      }
    }
    GoldCell cell = cell(table, row, values, withheld, withheld, false);
    if (!fixed.test(cell)) {
      return cell;
    }
    List<String> published = earlier.get(withoutStatus(cell));
    Set<String> earlierWithheld = published == null ? withheld : familiesOf(table, published);
    Set<String> sensitive = new HashSet<>(withheld);
    sensitive.retainAll(earlierWithheld);
    return cell(table, row, values, earlierWithheld, sensitive, true);
  }

  /**
   * A row as gold publishes it: withheld figures are nulls (unknown), their families withheld.
   *
   * @param sensitive whether a withheld family of this row had fewer than k people; a reader of
   *     gold alone cannot know, and must then take every withheld family as sensitive
   */
  public static GoldCell published(GoldTable table, Row row, Predicate<String> sensitive) {
    Map<String, Double> values = values(table, row);
    Set<String> withheld = familiesOf(table, row.getList(row.fieldIndex("withheld")));
    for (GoldTable.Family family : table.families()) {
      if (withheld.contains(family.name())) {
        family.additive().forEach(m -> values.put(m, Double.NaN));
      }
    }
    Set<String> sensitiveFamilies = new HashSet<>();
    withheld.stream().filter(sensitive).forEach(sensitiveFamilies::add);
    return cell(table, row, values, withheld, sensitiveFamilies, false);
  }

  /** The key earlier runs' rows are looked up by: a cell without its figures and status. */
  public static GoldCell withoutStatus(GoldCell cell) {
    return new GoldCell(cell.table(), cell.client(), cell.members(), cell.period(), cell.periodStart(), Map.of(), null, Set.of(), Set.of(), false);
  }

  /** A key for an earlier run's row, from what {@link #withoutStatus} keeps. */
  public static GoldCell key(GoldTable table, String client, List<String> members, String period, LocalDate periodStart) {
    return new GoldCell(table, client, members, period, periodStart, Map.of(), null, Set.of(), Set.of(), false);
  }

  /** The member of a gold row as one text, as {@link GoldCell#member()} writes it. */
  public static String member(GoldTable table, Row row) {
    return String.join(" | ", members(table, row));
  }

  private static List<String> members(GoldTable table, Row row) {
    List<String> members = new ArrayList<>();
    for (String column : table.memberColumns()) {
      Object value = row.getAs(column);
      members.add(value == null ? GoldCell.NONE : value.toString());
    }
    return members;
  }

  private static Set<String> familiesOf(GoldTable table, List<String> withheldFigures) {
    Set<String> families = new HashSet<>();
    for (GoldTable.Family family : table.families()) {
      if (family.measures().stream().anyMatch(withheldFigures::contains)) {
        families.add(family.name());
      }
    }
    return families;
  }

  private static GoldCell cell(
      GoldTable table, Row row, Map<String, Double> values, Set<String> withheld, Set<String> sensitive, boolean fixed) {
    List<String> members = members(table, row);
    String currency = hasField(row.schema(), "revenue_currency") ? row.getAs("revenue_currency") : null;
    return new GoldCell(table, row.getAs("client"), List.copyOf(members), row.getAs("period"),
        ((java.sql.Date) row.getAs("period_start")).toLocalDate(), values, currency, Set.copyOf(withheld), Set.copyOf(sensitive), fixed);
  }

  private static Map<String, Double> values(GoldTable table, Row row) {
    Map<String, Double> values = new HashMap<>();
    for (GoldTable.Family family : table.families()) {
      for (String measure : family.measures()) {
        Object value = row.getAs(measure);
        if (value != null) {
          values.put(measure, ((Number) value).doubleValue());
        }
      }
    }
    return values;
  }

  private static boolean hasField(StructType schema, String name) {
    return java.util.Arrays.asList(schema.fieldNames()).contains(name);
  }
}

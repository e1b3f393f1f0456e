package io.conversa.release;

import io.conversa.disclosure.Atom;
import io.conversa.disclosure.AtomSpace;
import io.conversa.disclosure.ClientModel;
import io.conversa.disclosure.Disclosure;
import io.conversa.disclosure.GoldRow;
import io.conversa.disclosure.RowFamily;
import io.conversa.disclosure.RowMeasure;
import io.conversa.disclosure.RowPeople;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One client's release, inside one Spark task: its cells ({@link GoldCells}) and atoms
 * ({@link AtomRows}) in, a decision per row out (the families withheld, which of them had fewer
 * than k people, and their people), plus one row of the client's counts. Clients share no row
 * and no atom, so every client is decided where its rows are, in parallel, and nothing of gold
 * is collected to the driver.
 */
public final class ClientRelease implements Serializable {
  private static final long serialVersionUID = 1L;
  /** What a task emits: a row's decision (kind "row"), or the client's counts (kind "client"). */
  public static final StructType DECISION = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("client", DataTypes.StringType, false)
      .add("table", DataTypes.StringType, true)
      .add("members", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
      .add("member_key", DataTypes.StringType, true)
      .add("period", DataTypes.StringType, true)
      .add("period_start", DataTypes.DateType, true)
      .add("withheld", DataTypes.createArrayType(DataTypes.StringType), true)
      .add("sensitive", DataTypes.createArrayType(DataTypes.StringType), true)
      .add("people", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType), true)
      .add("figures_published", DataTypes.LongType, true)
      .add("figures_primary", DataTypes.LongType, true)
      .add("figures_complementary", DataTypes.LongType, true)
      .add("groups_primary", DataTypes.LongType, true)
      .add("groups_complementary", DataTypes.LongType, true)
      .add("unprotected", DataTypes.LongType, true)
      .add("programmes", DataTypes.LongType, true)
      .add("seconds", DataTypes.DoubleType, true);

  private final Map<String, TableSpec> specs;
  private final Map<String, AtomSpace> spaces;
  private final int k;
  private final int completeFrom;

  /**
   * @param completeFrom the first day from which every atom and row is in the task's input (epoch day)
   */
  public ClientRelease(List<TableSpec> specs, Map<String, AtomSpace> spaces, int k, int completeFrom) {
    Map<String, TableSpec> byName = new HashMap<>();
    specs.forEach(s -> byName.put(s.name(), s));
    this.specs = Map.copyOf(byName);
    this.spaces = Map.copyOf(spaces);
    this.k = k;
    this.completeFrom = completeFrom;
  }

  private static final java.util.Comparator<Row> CELL_ORDER = java.util.Comparator
      .<Row, String>comparing(r -> r.getString(r.fieldIndex("table")))
      .thenComparing(r -> r.getString(r.fieldIndex("period")))
      .thenComparing(r -> r.getDate(r.fieldIndex("period_start")))
      .thenComparing(r -> r.getString(r.fieldIndex("member_key")))
      .thenComparing(r -> r.getBoolean(r.fieldIndex("fixed")));

  /** The decisions of one client; a task's function over its cells and atoms. */
  public Iterator<Row> decide(String client, Iterator<Row> cells, Iterator<Row> atoms) {
    long started = System.nanoTime();
    List<Row> cellRows = new ArrayList<>();
    cells.forEachRemaining(cellRows::add);
    // The same cells in any order give the same release (see AtomRows.bySpace).
    cellRows.sort(CELL_ORDER);
    List<GoldRow> rows = new ArrayList<>();
    for (Row cell : cellRows) {
      rows.add(goldRow(cell));
    }
    ClientModel model = new ClientModel(client, spaces, AtomRows.bySpace(atoms), rows, completeFrom);
    Disclosure.Decision decision = Disclosure.release(model, k, ClientRelease::cost);
    List<Row> out = new ArrayList<>();
    long[] figures = new long[3];
    for (int r = 0; r < rows.size(); r++) {
      GoldRow row = rows.get(r);
      if (row.fixed()) {
        continue;
      }
      count(cellRows.get(r), specs.get(row.table()), row, decision.withheld()[r], figures);
      List<String> withheld = new ArrayList<>();
      List<String> sensitive = new ArrayList<>();
      Map<String, Double> people = new HashMap<>();
      for (int f = 0; f < row.families().size(); f++) {
        RowFamily family = row.families().get(f);
        if (decision.withheld()[r][f]) {
          withheld.add(family.name());
          people.put(family.name(), peopleOf(cellRows.get(r), specs.get(row.table()), family.name()));
        }
        if (family.sensitive()) {
          sensitive.add(family.name());
        }
      }
      Row cell = cellRows.get(r);
      out.add(RowFactory.create("row", client, row.table(), cell.getMap(cell.fieldIndex("members")),
          cell.getString(cell.fieldIndex("member_key")), row.period(),
          cell.getDate(cell.fieldIndex("period_start")), withheld.toArray(new String[0]), sensitive.toArray(new String[0]),
          scala.collection.JavaConverters.mapAsScalaMap(people), null, null, null, null, null, null, null, null));
    }
    out.add(RowFactory.create("client", client, null, null, null, null, null, null, null, null, figures[0], figures[1], figures[2],
        (long) decision.primaryGroups(),
        (long) decision.complementaryGroups(), (long) decision.unprotected().size(), decision.programmes(),
        (System.nanoTime() - started) / 1e9));
    return out.iterator();
  }

  /** Adds a row's figures that have a value to published, withheld by the primary rule, withheld to protect. */
  private static void count(Row cell, TableSpec spec, GoldRow row, boolean[] withheld, long[] figures) {
    Map<String, Double> values = cell.getJavaMap(cell.fieldIndex("figures"));
    for (int f = 0; f < spec.families().size(); f++) {
      TableSpec.FamilySpec family = spec.families().get(f);
      for (String column : family.columns()) {
        if (values.get(column) == null || !published(spec, column)) {
          continue;
        }
        figures[!withheld[f] ? 0 : row.families().get(f).sensitive() ? 1 : 2]++;
      }
    }
  }

  /** Whether gold has the column (people like buyers are counted for the primary rule, never published). */
  private static boolean published(TableSpec spec, String column) {
    return spec.publishedColumns().contains(column);
  }

  /**
   * What giving up a group costs: a number's and a category's totals least, then templates, then
   * ads and campaigns (what an agency sells); a day less than a week, a week less than a month.
   */
  static double cost(GoldRow row, RowFamily family) {
    double period = switch (row.period()) {
      case "day" -> 1;
      case "week" -> 2;
      default -> 4;
    };
    return Math.pow(4, row.tier()) * period;
  }

  /** A computed row of any table as disclosure control sees it: sensitive families withheld. */
  GoldRow goldRow(Row cell) {
    boolean fixed = cell.getBoolean(cell.fieldIndex("fixed"));
    List<String> before = cell.isNullAt(cell.fieldIndex("withheld_before")) ? List.of() : cell.getList(cell.fieldIndex("withheld_before"));
    return CellRows.goldRow(specs.get(cell.getString(cell.fieldIndex("table"))), cell, fixed, (family, people, anything) -> {
      // Fewer than k people, unless nobody is behind any of its figures (nothing to protect).
      boolean sensitive = !fixed && people < k && anything;
      return new boolean[] {fixed ? before.contains(family) : sensitive, sensitive};
    });
  }

  private static double peopleOf(Row cell, TableSpec spec, String family) {
    Map<String, Double> figures = cell.getJavaMap(cell.fieldIndex("figures"));
    return CellRows.value(figures, spec.families().stream().filter(f -> f.name().equals(family)).findFirst().orElseThrow().people());
  }



}

package io.conversa.release;

import io.conversa.disclosure.AtomSpace;
import io.conversa.disclosure.ClientModel;
import io.conversa.disclosure.Disclosure;
import io.conversa.disclosure.GoldRow;
import io.conversa.disclosure.RowFamily;
import java.io.Serializable;
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
 * One client's disclosure audit, inside one Spark task: gold as published, which withheld
 * families had fewer than k people ({@link SensitiveCells}) and the atoms ({@link AtomTable});
 * out, every figure of a sensitive family that no witness protects, and the client's counts.
 */
public final class ClientAudit implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final StructType RESULT = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("client", DataTypes.StringType, false)
      .add("row", DataTypes.StringType, true)
      .add("figure", DataTypes.StringType, true)
      .add("needed_width", DataTypes.DoubleType, true)
      .add("published", DataTypes.LongType, true)
      .add("withheld", DataTypes.LongType, true)
      .add("sensitive", DataTypes.LongType, true);

  private final Map<String, TableSpec> specs;
  private final Map<String, AtomSpace> spaces;
  private final int k;

  public ClientAudit(List<TableSpec> specs, Map<String, AtomSpace> spaces, int k) {
    Map<String, TableSpec> byName = new HashMap<>();
    specs.forEach(s -> byName.put(s.name(), s));
    this.specs = Map.copyOf(byName);
    this.spaces = Map.copyOf(spaces);
    this.k = k;
  }

  /**
   * @param cells published cells ({@link GoldCells}) with {@code withheld_before} the families gold
   *     withholds, {@code sensitive} those with fewer than k people, {@code people} their people
   */
  public Iterator<Row> audit(String client, Iterator<Row> cells, Iterator<Row> atoms) {
    List<GoldRow> rows = new ArrayList<>();
    long[] counts = new long[3];
    int first = Integer.MAX_VALUE;
    while (cells.hasNext()) {
      Row cell = cells.next();
      List<String> withheld = cell.isNullAt(cell.fieldIndex("withheld_before")) ? List.of() : cell.getList(cell.fieldIndex("withheld_before"));
      List<String> sensitive = cell.isNullAt(cell.fieldIndex("sensitive")) ? List.of() : cell.getList(cell.fieldIndex("sensitive"));
      Map<String, Double> people = cell.isNullAt(cell.fieldIndex("people")) ? Map.of() : cell.getJavaMap(cell.fieldIndex("people"));
      TableSpec spec = specs.get(cell.getString(cell.fieldIndex("table")));
      GoldRow row = CellRows.goldRow(spec, withPeople(cell, spec, people), false,
          (family, count, anything) -> new boolean[] {withheld.contains(family), sensitive.contains(family)});
      rows.add(row);
      first = Math.min(first, row.firstDay());
      for (RowFamily family : row.families()) {
        counts[family.withheld() ? 1 : 0] += family.measures().size();
        counts[2] += family.sensitive() ? family.measures().size() : 0;
      }
    }
    ClientModel model = new ClientModel(client, spaces, AtomRows.bySpace(atoms), rows, first);
    List<Row> out = new ArrayList<>();
    for (Disclosure.Finding finding : Disclosure.audit(model, k)) {
      out.add(RowFactory.create("finding", client, finding.row().toString(), finding.family() + "." + finding.figure(), finding.width(),
          null, null, null));
    }
    out.add(RowFactory.create("client", client, null, null, null, counts[0], counts[1], counts[2]));
    return out.iterator();
  }

  /** The cell with the people of its withheld families, which gold does not publish, from the audit's record. */
  private static Row withPeople(Row cell, TableSpec spec, Map<String, Double> people) {
    if (people.isEmpty()) {
      return cell;
    }
    Map<String, Double> figures = new HashMap<>(cell.getJavaMap(cell.fieldIndex("figures")));
    for (TableSpec.FamilySpec family : spec.families()) {
      Double count = people.get(family.name());
      if (count != null) {
        figures.put(family.people(), count);
      }
    }
    Object[] values = new Object[cell.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = cell.get(i);
    }
    values[cell.fieldIndex("figures")] = scala.collection.JavaConverters.mapAsScalaMap(figures);
    return new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(values, cell.schema());
  }
}

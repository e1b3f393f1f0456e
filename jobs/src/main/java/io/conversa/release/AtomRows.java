package io.conversa.release;

import java.util.Comparator;

import io.conversa.disclosure.Atom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Atoms as Spark rows: client, space, local day, the space's dimension values and quantity
 * values in the space's order. Kept beside gold as {@code gold/_atoms} for the audit, which
 * proves protection from the same atoms the release did.
 */
public final class AtomRows {
  public static final StructType SCHEMA = new StructType()
      .add("client", DataTypes.StringType, false)
      .add("space", DataTypes.StringType, false)
      .add("day", DataTypes.DateType, false)
      .add("dimensions", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("values", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

  private AtomRows() {}

  /** A task's atom rows by space. */
  static Map<String, List<Atom>> bySpace(Iterator<Row> rows) {
    Map<String, List<Atom>> out = new HashMap<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      List<String> dimensions = row.getList(row.fieldIndex("dimensions"));
      List<Double> values = row.getList(row.fieldIndex("values"));
      double[] v = new double[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = values.get(i) == null ? 0 : values.get(i);
      }
      out.computeIfAbsent(row.getString(row.fieldIndex("space")), s -> new ArrayList<>())
          .add(new Atom((int) row.getDate(row.fieldIndex("day")).toLocalDate().toEpochDay(), dimensions.toArray(new String[0]), v));
    }
    // Order decides between equally cheap witnesses: the same atoms, whatever order a shuffle
    // brings them in, give the same release (an incremental run's and a full run's agree).
    out.values().forEach(atoms -> atoms.sort(ORDER));
    return out;
  }

  private static final Comparator<Atom> ORDER = Comparator.comparingInt(Atom::day)
      .thenComparing(Atom::dimensions, java.util.Arrays::compare);
}

package io.conversa.release;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.conversa.common.Errors;
import io.conversa.disclosure.AtomSpace;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The disclosure audit of what gold publishes: for every figure of every withheld family that
 * had fewer than k people, a witness (another history consistent with everything gold
 * publishes) in which it differs by its protection's width. A finding is a figure without one.
 * The same proof aggregate makes before it publishes, from the same atoms, every client in its
 * own Spark task.
 */
public final class GoldAudit {
  /** One client's audit. */
  public record ClientResult(String client, long published, long withheld, long sensitive, List<String> findings) {}

  private GoldAudit() {}

  /** @param client one client, or null for every client gold names */
  public static List<ClientResult> run(Lake lake, List<TableSpec> specs, Map<String, TableSchema> schemas, Map<String, AtomSpace> spaces,
      String client, int k) {
    if (!SensitiveCells.exists(lake) || !AtomTable.exists(lake)) {
      throw Errors.usage("gold in " + lake.root() + " was released before conversa kept the record its audit needs.",
          "run `conversa aggregate --full` once (it keeps gold/_withheld and gold/_atoms beside gold), then audit again.");
    }
    Dataset<Row> withheld = SensitiveCells.read(lake);
    Dataset<Row> cells = null;
    for (TableSpec spec : specs) {
      TableSchema schema = schemas.get(spec.name());
      if (!lake.exists(schema)) {
        continue;
      }
      Dataset<Row> gold = lake.read(schema);
      Dataset<Row> mine = GoldCells.of(spec, gold, lit(false), familiesWithheld(spec));
      Dataset<Row> recorded = withheld.filter(col("table").equalTo(spec.name()))
          .select(col("client").as("_w_client"), col("member_key").as("_w_members"), col("period").as("_w_period"),
              col("period_start").as("_w_start"), col("sensitive"), col("people"));
      mine = mine.join(recorded, col("client").equalTo(col("_w_client")).and(col("period").equalTo(col("_w_period")))
              .and(col("period_start").equalTo(col("_w_start"))).and(col("member_key").equalTo(col("_w_members"))), "left")
          .drop("_w_client", "_w_members", "_w_period", "_w_start");
      cells = cells == null ? mine : cells.unionByName(mine);
    }
    if (cells == null) {
      return List.of();
    }
    Dataset<Row> atoms = AtomTable.read(lake);
    if (client != null) {
      cells = cells.filter(col("client").equalTo(client));
      atoms = atoms.filter(col("client").equalTo(client));
    }
    ClientAudit audit = new ClientAudit(specs, spaces, k);
    List<Row> results = ClientTasks.run(cells, atoms, audit::audit, ClientAudit.RESULT, Dataset::collectAsList);
    List<ClientResult> out = new ArrayList<>();
    for (Row r : results) {
      if (r.getString(0).equals("client")) {
        List<String> findings = results.stream().filter(f -> f.getString(0).equals("finding") && f.getString(1).equals(r.getString(1)))
            .map(f -> f.getString(2) + " " + f.getString(3) + " (needs a width of " + f.getDouble(4) + ")").sorted().toList();
        out.add(new ClientResult(r.getString(1), r.getLong(5), r.getLong(6), r.getLong(7), findings));
      }
    }
    out.sort(java.util.Comparator.comparing(ClientResult::client));
    return out;
  }

  /** The families a published row withholds, from the figures its {@code withheld} column names. */
  public static Column familiesWithheld(TableSpec spec) {
    List<Column> families = new ArrayList<>();
    for (TableSpec.FamilySpec family : spec.families()) {
      Column columns = array(family.columns().stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new));
      families.add(when(arrays_overlap(col("withheld"), columns), lit(family.name())));
    }
    return filter(array(families.toArray(new Column[0])), Column::isNotNull);
  }
}

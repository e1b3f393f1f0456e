package io.conversa.release;

import static org.apache.spark.sql.functions.col;

import io.conversa.lake.Lake;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which withheld families of gold had fewer than k people, kept beside gold for
 * {@code conversa audit} and never published: gold says what is withheld, not why, since saying
 * "fewer than k" would narrow the figure it withholds. With it, the audit checks what aggregate
 * checked: every sensitive figure is protected; figures withheld only to protect them need not be.
 *
 * <p>Anyone who can read silver can count the people of a cell, so this adds nothing for them;
 * gold's and the reports' readers never see it ({@code conversa sql} does not register it).
 */
public final class SensitiveCells {
  static final String FOLDER = "gold/_sensitive_cells";
  private static final StructType SCHEMA = new StructType()
      .add("client", DataTypes.StringType, false)
      .add("table", DataTypes.StringType, false)
      .add("member", DataTypes.StringType, false)
      .add("period", DataTypes.StringType, false)
      .add("period_start", DataTypes.DateType, false)
      .add("family", DataTypes.StringType, false);

  private SensitiveCells() {}

  public static String path(Lake lake) {
    return lake.root() + "/" + FOLDER;
  }

  /** The sensitive families of the cells a run released (fixed cells are an earlier run's). */
  public static Dataset<Row> of(Lake lake, List<GoldCell> released) {
    List<Row> rows = new ArrayList<>();
    for (GoldCell cell : released) {
      if (cell.fixed()) {
        continue;
      }
      for (String family : cell.sensitiveFamilies()) {
        rows.add(RowFactory.create(cell.client(), cell.table().tableName(), cell.member(), cell.period(),
            Date.valueOf(cell.periodStart()), family));
      }
    }
    return lake.spark().createDataFrame(rows, SCHEMA);
  }

  /**
   * Replaces the periods {@code replaceWhere} names (null: every period) in one Delta commit. A
   * lake without the table gets it from its next full run only: a partial one would tell the
   * audit that the periods it lacks have nothing sensitive, where the audit must assume all is.
   */
  public static void write(Lake lake, Dataset<Row> cells, String replaceWhere) {
    if (replaceWhere == null) {
      cells.coalesce(1).write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(path(lake));
    } else if (exists(lake)) {
      cells.filter(org.apache.spark.sql.functions.expr(replaceWhere)).coalesce(1).write().format("delta").mode("overwrite")
          .option("replaceWhere", replaceWhere).save(path(lake));
    }
  }

  public static boolean exists(Lake lake) {
    return io.delta.tables.DeltaTable.isDeltaTable(lake.spark(), path(lake));
  }

  /** Keys of the sensitive families of {@code client} (null: every client), as {@link #key} makes them. */
  public static Set<String> read(Lake lake, String client) {
    Set<String> keys = new HashSet<>();
    Dataset<Row> rows = lake.spark().read().format("delta").load(path(lake));
    if (client != null) {
      rows = rows.filter(col("client").equalTo(client));
    }
    for (Row r : rows.collectAsList()) {
      keys.add(key(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getDate(4).toString(), r.getString(5)));
    }
    return keys;
  }

  public static String key(String client, String table, String member, String period, String periodStart, String family) {
    return String.join("\u0000", client, table, member, period, periodStart, family);
  }
}

package io.conversa.release;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.conversa.lake.Lake;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The withheld families of gold, which of them had fewer than k people, and how many people were
 * behind each, kept beside gold for {@code conversa audit} and never published: gold says what is
 * withheld, not why, since saying "fewer than k" would narrow the figure it withholds. With it and
 * the atoms ({@link AtomTable}), the audit proves what aggregate proved: every sensitive figure
 * has its witness.
 *
 * <p>Anyone who can read silver can count the people of a cell, so this adds nothing for them;
 * gold's and the reports' readers never see it ({@code conversa sql} does not register it).
 */
public final class SensitiveCells {
  static final String FOLDER = "gold/_withheld";

  private SensitiveCells() {}

  public static String path(Lake lake) {
    return lake.root() + "/" + FOLDER;
  }

  /** The withheld families of a release's decisions ({@link ClientRelease#DECISION}, kind "row"). */
  public static Dataset<Row> of(Dataset<Row> decisions) {
    return decisions.filter(col("kind").equalTo("row").and(expr("size(withheld) > 0")))
        .select(col("client"), col("table"), col("members"), col("member_key"), col("period"), col("period_start"), col("withheld"),
            col("sensitive"), col("people"));
  }

  /**
   * Replaces the periods {@code replaceWhere} names (null: every period) in one Delta commit. A
   * lake without the table gets it from its next full run only: a partial one would tell the
   * audit that the periods it lacks withheld nothing.
   */
  public static void write(Lake lake, Dataset<Row> cells, String replaceWhere) {
    InternalTables.replace(lake, path(lake), cells, replaceWhere);
  }

  public static boolean exists(Lake lake) {
    return io.delta.tables.DeltaTable.isDeltaTable(lake.spark(), path(lake));
  }

  public static Dataset<Row> read(Lake lake) {
    return lake.spark().read().format("delta").load(path(lake));
  }
}

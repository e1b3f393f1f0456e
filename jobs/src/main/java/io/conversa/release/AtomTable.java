package io.conversa.release;

import io.conversa.lake.Lake;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold/_atoms}: the atoms of every released period ({@link AtomRows}), kept beside gold for
 * {@code conversa audit}, never published and never registered for analysts. They are finer than
 * gold (a campaign's messages by number, template and category, per day) and coarser than silver.
 */
public final class AtomTable {
  static final String FOLDER = "gold/_atoms";

  private AtomTable() {}

  public static String path(Lake lake) {
    return lake.root() + "/" + FOLDER;
  }

  /** Replaces the days from {@code firstDay} on (null: every day) in one Delta commit. */
  public static void write(Lake lake, Dataset<Row> atoms, java.time.LocalDate firstDay) {
    InternalTables.replace(lake, path(lake), atoms, firstDay == null ? null : "day >= DATE'" + firstDay + "'");
  }

  public static boolean exists(Lake lake) {
    return io.delta.tables.DeltaTable.isDeltaTable(lake.spark(), path(lake));
  }

  public static Dataset<Row> read(Lake lake) {
    return lake.spark().read().format("delta").load(path(lake));
  }
}

package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.conversa.lake.KeptRows;
import io.conversa.lake.Lake;
import io.conversa.release.ClientRelease;
import io.conversa.release.ClientTasks;
import io.conversa.release.GoldCells;
import io.conversa.release.GoldSpaces;
import io.conversa.release.ReleaseOutcome;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Decides which figures of the recomputed periods gold publishes, every client in its own Spark
 * task ({@link ClientRelease}): primary suppression (a family of figures from fewer than k
 * people), then, for every such family, a witness proving that no reader can work its figures
 * out, withholding the cheapest other figures where there is none. Nothing of gold is collected
 * to the driver; the driver receives each client's counts.
 */
final class GoldRelease {
  /** The released tables, the decisions behind them, and what the release did. */
  record Released(Map<GoldTables.Entry, Dataset<Row>> tables, Dataset<Row> decisions, ReleaseOutcome outcome) {}

  private GoldRelease() {}

  /**
   * @param computed every table's rows of the periods the plan replaces, with the people behind each family
   * @param earlier rows an earlier release published that bound the replaced ones (the days of the
   *     first week before its month, and that month), as gold holds them
   * @param atoms every atom from the plan's first week on ({@link Atoms})
   * @param kept keeps the decisions until the caller has written what they decide
   */
  static Released release(Map<GoldTables.Entry, Dataset<Row>> computed, Map<GoldTables.Entry, Dataset<Row>> earlier, Dataset<Row> atoms,
      RecomputePlan plan, int k, KeptRows.All kept) {
    long started = System.nanoTime();
    Dataset<Row> cells = null;
    for (GoldTables.Entry entry : GoldTables.FIGURES) {
      Dataset<Row> mine = GoldCells.of(entry.spec(), computed.get(entry), null, null);
      Dataset<Row> before = earlier.get(entry);
      if (before != null) {
        mine = mine.unionByName(GoldCells.of(entry.spec(), before, lit(true), io.conversa.release.GoldAudit.familiesWithheld(entry.spec())));
      }
      cells = cells == null ? mine : cells.unionByName(mine);
    }
    ClientRelease release = new ClientRelease(GoldTables.specs(), GoldSpaces.all(), k, (int) plan.weekFrom().toEpochDay());
    Dataset<Row> decisions = ClientTasks.run(cells, atoms, release::decide, ClientRelease.DECISION, kept::add);
    List<Row> clients = decisions.filter(col("kind").equalTo("client")).collectAsList();
    Map<GoldTables.Entry, Dataset<Row>> released = new LinkedHashMap<>();
    for (GoldTables.Entry entry : GoldTables.FIGURES) {
      Dataset<Row> rows = GoldCells.apply(entry.spec(), computed.get(entry), decisions.filter(col("kind").equalTo("row")));
      released.put(entry, entry.withRates().apply(rows));
    }
    return new Released(released, decisions, ReleaseOutcome.of(clients, (System.nanoTime() - started) / 1e9));
  }

  /** The rows an earlier release published for the days and month the first week reaches back into. */
  static Map<GoldTables.Entry, Dataset<Row>> earlier(Lake lake, RecomputePlan plan) {
    Map<GoldTables.Entry, Dataset<Row>> out = new LinkedHashMap<>();
    LocalDate[] days = plan.fixedDays();
    if (days == null) {
      return out;
    }
    Column overlapping = col("period").equalTo(Periods.DAY).and(col("period_start").between(Date.valueOf(days[0]), Date.valueOf(days[1])))
        .or(col("period").equalTo(Periods.MONTH).and(col("period_start").equalTo(Date.valueOf(days[0].withDayOfMonth(1)))));
    for (GoldTables.Entry entry : GoldTables.FIGURES) {
      if (lake.exists(entry.schema())) {
        out.put(entry, lake.read(entry.schema()).filter(overlapping));
      }
    }
    return out;
  }
}

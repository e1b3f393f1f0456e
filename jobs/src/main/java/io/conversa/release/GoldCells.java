package io.conversa.release;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Rows of every gold table of figures in one shape, so that one Spark task can decide a client's
 * whole release: client, table, members (member column to value, "(none)" for a null), period,
 * period start, every figure and people count as a double (null when a reading is missing or
 * withheld), and for a row an earlier release decided, the families it withheld.
 */
public final class GoldCells {
  public static final String NONE = "(none)";
  /** The columns of a cell. */
  public static final List<String> COLUMNS =
      List.of("client", "table", "members", "member_key", "period", "period_start", "figures", "fixed", "withheld_before");

  private GoldCells() {}

  /**
   * A computed table's rows as cells.
   *
   * @param fixed which rows an earlier release decided (null: none)
   * @param withheldBefore for those, the array of families it withheld
   */
  public static Dataset<Row> of(TableSpec spec, Dataset<Row> computed, Column fixed, Column withheldBefore) {
    List<Column> members = new ArrayList<>();
    for (String dimension : spec.dimensions()) {
      members.add(lit(dimension));
      members.add(coalesce(col(dimension).cast("string"), lit(NONE)));
    }
    List<Column> figures = new ArrayList<>();
    List<String> present = java.util.Arrays.asList(computed.columns());
    for (String column : spec.figureColumns()) {
      figures.add(lit(column));
      // Rows read back from gold lack the people it never publishes (buyers, readers).
      figures.add(present.contains(column) ? col(column).cast("double") : lit(null).cast("double"));
    }
    return computed.select(
        col("client"),
        lit(spec.name()).as("table"),
        map(members.toArray(new Column[0])).as("members"),
        memberKey(spec).as("member_key"),
        col("period"),
        col("period_start"),
        map(figures.toArray(new Column[0])).as("figures"),
        (fixed == null ? lit(false) : coalesce(fixed, lit(false))).as("fixed"),
        (withheldBefore == null ? lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)) : withheldBefore).as("withheld_before"));
  }

  /**
   * The released table: {@code computed} with every figure of a withheld family nulled (and the
   * currency of withheld money), and {@code withheld} naming every withheld figure and rate.
   *
   * @param decisions rows of {@link ClientRelease#DECISION}: client, table, members, period,
   *     period_start, withheld (families)
   */
  public static Dataset<Row> apply(TableSpec spec, Dataset<Row> computed, Dataset<Row> decisions) {
    Dataset<Row> mine = decisions.filter(col("table").equalTo(spec.name())).select(
        col("client").as("_d_client"), col("period").as("_d_period"), col("period_start").as("_d_start"),
        col("member_key").as("_d_members"), col("withheld").as("_families"));
    Column on = computed.col("client").equalTo(col("_d_client"))
        .and(computed.col("period").equalTo(col("_d_period")))
        .and(computed.col("period_start").equalTo(col("_d_start")))
        .and(memberKey(spec).equalTo(col("_d_members")));
    Dataset<Row> out = computed.join(mine, on, "inner");
    List<String> present = java.util.Arrays.asList(computed.columns());
    // Only what the table publishes is named: the people of buyers, readers and repliers are
    // computed for the release and never written.
    List<String> published = spec.publishedColumns().stream().filter(present::contains).toList();
    // The names first, from the values as computed; then the values go.
    List<Column> withheldFigures = new ArrayList<>();
    for (TableSpec.FamilySpec family : spec.families()) {
      Column withheld = array_contains(col("_families"), family.name());
      for (String column : family.columns()) {
        if (published.contains(column)) {
          withheldFigures.add(when(withheld.and(col(column).isNotNull()), lit(column)));
        }
      }
    }
    Column figures = filter(array(withheldFigures.toArray(new Column[0])), Column::isNotNull);
    List<Column> rates = new ArrayList<>();
    for (TableSpec.RateSpec rate : spec.rates()) {
      rates.add(when(array_contains(figures, rate.numerator()).or(array_contains(figures, rate.denominator())), lit(rate.name())));
    }
    Column named = rates.isEmpty() ? figures : concat(figures, filter(array(rates.toArray(new Column[0])), Column::isNotNull));
    out = out.withColumn("withheld", named);
    for (TableSpec.FamilySpec family : spec.families()) {
      Column withheld = array_contains(col("_families"), family.name());
      for (String column : family.columns()) {
        if (present.contains(column)) {
          out = out.withColumn(column, when(withheld, lit(null)).otherwise(col(column)));
        }
      }
      for (TableSpec.MeasureSpec measure : family.measures()) {
        if (measure.currency() != null && present.contains(measure.currency())) {
          out = out.withColumn(measure.currency(), when(withheld, lit(null).cast("string")).otherwise(col(measure.currency())));
        }
      }
    }
    return out.withColumn("suppressed", size(col("withheld")).gt(0))
        .withColumn("computed_at", org.apache.spark.sql.functions.current_timestamp())
        .drop("_d_client", "_d_period", "_d_start", "_families", "_d_members");
  }

  /** The members as one text, to join on: Spark compares no maps. */
  public static Column memberKey(TableSpec spec) {
    return org.apache.spark.sql.functions.concat_ws("\u0001",
        spec.dimensions().stream().map(d -> coalesce(col(d).cast("string"), lit(NONE))).toArray(Column[]::new));
  }
}

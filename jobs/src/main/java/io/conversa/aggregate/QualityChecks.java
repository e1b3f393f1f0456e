package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conversa.lake.Concurrently;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Runs {@code schemas/quality/checks.json} over a range of dates and answers one result per check. */
public final class QualityChecks {
  /** One declared check. {@code unique} or {@code violation} is set, not both. */
  record Check(String table, String dateColumn, String name, String description, List<String> unique, String violation) {}

  /** What one check found. */
  public record Result(String table, String name, String description, boolean passed, long violations, long rowsChecked) {}

  private final List<Check> checks;

  private QualityChecks(List<Check> checks) {
    this.checks = checks;
  }

  public static QualityChecks load() {
    try (InputStream in = QualityChecks.class.getResourceAsStream("/schemas/quality/checks.json")) {
      if (in == null) {
        throw new IllegalStateException("schemas/quality/checks.json is missing from the classpath");
      }
      List<Check> checks = new ArrayList<>();
      for (JsonNode c : new ObjectMapper().readTree(in).path("checks")) {
        List<String> unique = new ArrayList<>();
        c.path("unique").forEach(u -> unique.add(u.asText()));
        checks.add(new Check(
            c.path("table").asText(), c.path("date_column").asText(), c.path("name").asText(), c.path("description").asText(),
            unique, c.hasNonNull("violation") ? c.path("violation").asText() : null));
      }
      return new QualityChecks(checks);
    } catch (IOException e) {
      throw new UncheckedIOException("schemas/quality/checks.json", e);
    }
  }

  /** Runs every check on the rows of [first, last]. */
  public List<Result> run(Lake lake, LocalDate first, LocalDate last) {
    LocalDate[] range = {first, last};
    return run(lake, range, range);
  }

  /**
   * Runs bronze's and silver's checks on the rows of the dates silver changed on, gold's on the dates gold
   * recomputed ([first, last] each; a null range checks no row); one pass per table.
   */
  public List<Result> run(Lake lake, LocalDate[] silverDates, LocalDate[] goldDates) {
    Map<String, List<Check>> byTable = new LinkedHashMap<>();
    checks.forEach(c -> byTable.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c));
    List<java.util.concurrent.Callable<List<Result>>> passes = new ArrayList<>();
    for (var entry : byTable.entrySet()) {
      passes.add(() -> runOnTable(lake, entry.getKey(), entry.getValue(), silverDates, goldDates));
    }
    return Concurrently.run(lake.spark(), passes).stream().flatMap(List::stream).toList();
  }

  private static List<Result> runOnTable(Lake lake, String tableName, List<Check> tableChecks, LocalDate[] silverDates, LocalDate[] goldDates) {
    List<Result> results = new ArrayList<>();
    TableSchema table = GoldTables.lakeTables().stream().filter(t -> t.qualifiedName().equals(tableName)).findFirst().orElseThrow();
    String dateColumn = tableChecks.get(0).dateColumn();
    LocalDate[] dates = table.layer().equals("gold") ? goldDates : silverDates;
    if (dates == null) {
      // Nothing changed in this layer: no row to check, and no job to learn it.
      tableChecks.forEach(check -> results.add(result(check, 0, 0)));
      return results;
    }
    Dataset<Row> rows = lake.read(table).filter(col(dateColumn).between(java.sql.Date.valueOf(dates[0]), java.sql.Date.valueOf(dates[1])));
    // One pass per table: every predicate is a conditional count, every unique key the
    // difference between rows and distinct keys.
    List<Column> measures = new ArrayList<>();
    for (Check check : tableChecks) {
      measures.add(check.violation() != null
          ? sum(when(expr(check.violation()), 1L).otherwise(0L))
          : count(lit(1)).minus(countDistinct(struct(check.unique().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new)))));
    }
    Row counts = rows.agg(count(lit(1)), measures.toArray(new Column[0])).first();
    long rowsChecked = counts.getLong(0);
    for (int i = 0; i < tableChecks.size(); i++) {
      long violations = counts.isNullAt(i + 1) ? 0 : counts.getLong(i + 1);
      results.add(result(tableChecks.get(i), violations, rowsChecked));
    }
    return results;
  }

  private static Result result(Check check, long violations, long rowsChecked) {
    return new Result(check.table(), check.name(), check.description(), violations == 0, violations, rowsChecked);
  }

  /** Appends the results to gold.quality_checks. */
  public static void record(Lake lake, List<Result> results) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    for (Result r : results) {
      rows.add(RowFactory.create(now, r.table(), r.name(), r.description(), r.passed(), r.violations(), r.rowsChecked()));
    }
    lake.table(TableSchemas.QUALITY_CHECKS);
    lake.spark().createDataFrame(rows, TableSchemas.QUALITY_CHECKS.schema())
        .write().format("delta").mode("append").save(lake.path(TableSchemas.QUALITY_CHECKS));
  }
}

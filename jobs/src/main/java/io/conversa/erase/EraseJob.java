package io.conversa.erase;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.conversa.aggregate.AggregateJob;
import io.conversa.common.Errors;
import io.conversa.lake.DeltaMetrics;
import io.conversa.lake.Lake;
import io.conversa.lake.PseudonymLinkTable;
import io.conversa.refine.RefineJob;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Forgets people (LGPD Art. 18, GDPR Art. 17). Steps, in order:
 *
 * <ol>
 *   <li>refine what bronze holds beyond silver, so that no body is left for refine to read from
 *       the files this erase rewrites;
 *   <li>resolve their pseudonyms ({@link ErasureSubjects}); refuse if gold was built under other
 *       rules than the ones given, before anything changes;
 *   <li>delete their rows from every silver table, by MERGE against a table of the pseudonyms
 *       (a Delta log records the join condition, never a pseudonym);
 *   <li>take their parts out of bronze bodies ({@link PayloadEraser}) and delete the quarantined
 *       lines that hold their numbers;
 *   <li>record them in the erasure ledger, so ingest keeps them out of what it stores later;
 *   <li>recompute the gold periods they touched, under the rules gold was built with;
 *   <li>purge deletion vectors and VACUUM every table that held them with a retention of zero, so
 *       no earlier version can be read back (time travel to before the erase fails).
 * </ol>
 */
public final class EraseJob {
  /** Silver tables (and the key-rotation links) and the columns that hold a person's pseudonym. */
  private static final Map<TableSchema, List<String>> PSEUDONYM_COLUMNS = new LinkedHashMap<>();

  static {
    PSEUDONYM_COLUMNS.put(TableSchemas.MESSAGES, List.of("user_id"));
    PSEUDONYM_COLUMNS.put(TableSchemas.STATUSES, List.of("user_id", "participant_id"));
    PSEUDONYM_COLUMNS.put(TableSchemas.OUTBOUND_MESSAGES, List.of("user_id"));
    PSEUDONYM_COLUMNS.put(TableSchemas.CONVERSIONS, List.of("user_id"));
    PSEUDONYM_COLUMNS.put(TableSchemas.USER_LINKS, List.of("bsuid_user_id", "phone_user_id"));
    PSEUDONYM_COLUMNS.put(TableSchemas.PSEUDONYM_LINKS, List.of("pseudonym", "stable_pseudonym"));
  }

  private final SparkSession spark;
  private final Consumer<String> progress;

  public EraseJob(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public EraseResult run(EraseSettings settings) {
    long started = System.nanoTime();
    Lake lake = new Lake(spark, settings.lake());
    boolean goldBuilt = AggregateJob.hasRun(spark, lake.root());
    if (!settings.dryRun() && goldBuilt && !AggregateJob.builtWith(spark, settings.aggregate())) {
      throw Errors.usage("gold of lake " + lake.root() + " was built under other clients, send log, payments or rate card than this erase was given:"
              + " recomputing the people's periods under these would restate the rest.",
          "pass erase the same --config, --send-log, --payments and --rate-card as your aggregate runs (k and the windows come from gold.releases).");
    }
    if (!settings.dryRun() && lake.exists(TableSchemas.WEBHOOK_EVENTS)) {
      // Bodies not refined yet would be read by refine from files this erase rewrites and vacuums.
      progress.accept("erase: refining what bronze holds beyond silver first");
      new RefineJob(spark, progress).run(lake.root());
    }
    Set<String> pseudonyms = ErasureSubjects.resolve(lake, settings.keys(), settings.phones(), settings.userIds());
    progress.accept(String.format(java.util.Locale.ROOT, "erase: %d pseudonyms to erase; looking for them in silver, bronze and the quarantine (%.1f s)",
        pseudonyms.size(), seconds(started)));
    Dataset<Row> subjects = spark.createDataset(new ArrayList<>(pseudonyms), Encoders.STRING()).toDF("pseudonym");
    List<TableSchema> touched = new ArrayList<>();
    Map<String, Long> rowsRemoved = new LinkedHashMap<>();
    for (var table : PSEUDONYM_COLUMNS.entrySet()) {
      if (lake.exists(table.getKey())) {
        long rows = settings.dryRun() ? countHeld(lake, table.getKey(), table.getValue(), subjects) : delete(lake, table.getKey(), table.getValue(), subjects);
        rowsRemoved.put(table.getKey().qualifiedName(), rows);
        if (rows > 0) {
          touched.add(table.getKey());
        }
      }
    }
    progress.accept(String.format(java.util.Locale.ROOT, "erase: silver done; taking their parts out of bronze bodies (%.1f s)", seconds(started)));
    long bodies = lake.exists(TableSchemas.WEBHOOK_EVENTS) ? eraseFromBodies(lake, pseudonyms, settings.dryRun()) : 0;
    if (bodies > 0) {
      touched.add(TableSchemas.WEBHOOK_EVENTS);
    }
    long lines = settings.phones().isEmpty() || !lake.exists(TableSchemas.QUARANTINE) ? 0 : eraseQuarantinedLines(lake, settings, settings.dryRun());
    if (lines > 0) {
      touched.add(TableSchemas.QUARANTINE);
    }
    if (settings.dryRun()) {
      return new EraseResult(true, pseudonyms.size(), rowsRemoved, bodies, lines, "", Map.of(), seconds(started));
    }
    recordErased(lake, subjects);
    String gold = "not built yet";
    if (goldBuilt) {
      progress.accept(String.format(java.util.Locale.ROOT, "erase: recomputing the gold periods they touched (%.1f s)", seconds(started)));
      gold = new AggregateJob(spark, progress).run(settings.aggregate(), PseudonymLinkTable.pseudonymizer(lake, settings.keys())).summary();
      io.conversa.aggregate.GoldTables.FIGURES.forEach(e -> touched.add(e.schema()));
    }
    progress.accept(String.format(java.util.Locale.ROOT, "erase: purging earlier versions of %d tables (%.1f s)", touched.size(), seconds(started)));
    Map<String, Long> unreadable = new LinkedHashMap<>();
    VersionPurge purge = new VersionPurge(spark);
    for (TableSchema table : touched) {
      if (lake.exists(table)) {
        unreadable.put(table.qualifiedName(), purge.purge(table, lake.path(table)));
        progress.accept(String.format(java.util.Locale.ROOT, "erase: %s purged (%.1f s)", table.qualifiedName(), seconds(started)));
      }
    }
    return new EraseResult(false, pseudonyms.size(), rowsRemoved, bodies, lines, gold, unreadable, seconds(started));
  }

  private static String matchCondition(List<String> columns) {
    return String.join(" OR ", columns.stream().map(c -> "t." + c + " = s.pseudonym").toList());
  }

  private static long countHeld(Lake lake, TableSchema table, List<String> columns, Dataset<Row> subjects) {
    return lake.read(table).as("t").join(subjects.as("s"), expr(matchCondition(columns)), "left_semi").count();
  }

  private static long delete(Lake lake, TableSchema table, List<String> columns, Dataset<Row> subjects) {
    DeltaTable delta = lake.table(table);
    delta.as("t").merge(subjects.as("s"), matchCondition(columns)).whenMatched().delete().execute();
    return DeltaMetrics.lastOperationMetric(delta, "MERGE", "numTargetRowsDeleted");
  }

  /** Rewrites the bodies that name them (a dry run only counts them); answers how many. */
  private static long eraseFromBodies(Lake lake, Set<String> pseudonyms, boolean dryRun) {
    PayloadEraser eraser = new PayloadEraser(pseudonyms);
    UserDefinedFunction mentions = udf((UDF1<String, Boolean>) eraser::mentions, DataTypes.BooleanType);
    Dataset<Row> naming = lake.read(TableSchemas.WEBHOOK_EVENTS).filter(mentions.apply(col("payload")));
    if (dryRun) {
      return naming.count();
    }
    // The bodies are found and rewritten once, inside the MERGE; its metrics say how many.
    UserDefinedFunction erased = udf((UDF1<String, String>) eraser::erase, DataTypes.StringType);
    DeltaTable bronze = lake.table(TableSchemas.WEBHOOK_EVENTS);
    bronze.as("t")
        .merge(naming.select(col("event_id"), col("event_date"), erased.apply(col("payload")).as("payload")).as("s"),
            "t.event_id = s.event_id AND t.event_date <=> s.event_date")
        .whenMatched().updateExpr(Map.of("payload", "s.payload"))
        .execute();
    return DeltaMetrics.lastOperationMetric(bronze, "MERGE", "numTargetRowsUpdated");
  }

  /** Deletes the quarantined lines that hold one of the numbers, and keeps their keyed hashes in the ledger. */
  private long eraseQuarantinedLines(Lake lake, EraseSettings settings, boolean dryRun) {
    Dataset<Row> matched = QuarantinedLines.holding(lake.read(TableSchemas.QUARANTINE), settings.keys(), settings.phones());
    // Collected, not cached: the MERGE below invalidates a cache of the table it deletes from,
    // and the ledger must still get the lines after they are gone from the quarantine.
    List<Row> found = matched.collectAsList();
    if (!found.isEmpty() && !dryRun) {
      Dataset<Row> holding = spark.createDataFrame(found, matched.schema());
      lake.table(TableSchemas.QUARANTINE).as("t")
          .merge(holding.as("s"), "t.source_file = s.source_file AND t.source_offset = s.source_offset AND t.line_sha256 = s.line_sha256")
          .whenMatched().delete()
          .execute();
      lake.table(TableSchemas.ERASED_LINES);
      holding.withColumn("erased_at", lit(Timestamp.from(Instant.now())))
          .write().format("delta").mode("append").save(lake.path(TableSchemas.ERASED_LINES));
    }
    return found.size();
  }

  private static void recordErased(Lake lake, Dataset<Row> subjects) {
    lake.table(TableSchemas.ERASED_PEOPLE);
    subjects.withColumn("erased_at", lit(Timestamp.from(Instant.now())))
        .write().format("delta").mode("append").save(lake.path(TableSchemas.ERASED_PEOPLE));
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}

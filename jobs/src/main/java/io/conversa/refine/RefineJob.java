package io.conversa.refine;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;

import io.conversa.common.Errors;
import io.conversa.lake.AdaptiveExecution;
import io.conversa.lake.CodeGeneration;
import io.conversa.lake.Compaction;
import io.conversa.lake.Concurrently;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchemas;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.storage.StorageLevel;

/**
 * bronze -> silver, incrementally. Bronze is append-only, so Delta's streaming source with
 * {@code Trigger.AvailableNow} hands each run exactly the bodies appended since the last one,
 * and its checkpoint records how far the run got. Each batch is written with insert-only or
 * least-combining MERGEs, so a batch replayed after a crash changes nothing twice.
 */
public final class RefineJob {
  /** Bronze files per micro-batch: one batch per run for all but the largest backlogs. */
  private static final String FILES_PER_BATCH = "20000";
  /** Batches of fewer bodies run interpreted: still faster at 100,000 ({@link CodeGeneration}). */
  private static final long COMPILE_FROM_BODIES = 200_000;

  private final SparkSession spark;
  private final Consumer<String> progress;

  public RefineJob(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public RefineResult run(String lakeRoot) {
    long started = System.nanoTime();
    Lake lake = new Lake(spark, lakeRoot);
    if (!lake.exists(TableSchemas.WEBHOOK_EVENTS)) {
      throw Errors.usage("the lake " + lake.root() + " has no bronze.webhook_events table.", "run `conversa ingest` (or `conversa run`) first.");
    }
    TableSchemas.ofLayer("silver").forEach(lake::table);
    SilverMerges merges = new SilverMerges(lake);
    // foreachBatch runs on the stream's thread, one batch after another; the sum is read after it ends.
    AtomicReference<RefineResult> total = new AtomicReference<>(new RefineResult(0, 0, 0, 0, 0, 0, 0, 0));
    VoidFunction2<Dataset<Row>, Long> refineBatch =
        (batch, batchId) -> total.accumulateAndGet(refineBatch(merges, batch, batchId), RefineResult::plus);
    Dataset<Row> newBodies =
        spark.readStream().format("delta").option("maxFilesPerTrigger", FILES_PER_BATCH)
            // Only appended bodies are new: `conversa erase` rewrites stored bodies in place, after
            // refining everything before it, and has taken its people out of silver itself.
            .option("skipChangeCommits", "true")
            .load(lake.path(TableSchemas.WEBHOOK_EVENTS))
            .filter(array_contains(col("fields"), "messages").or(array_contains(col("fields"), "automatic_events")))
            .select("event_id", "payload");
    try {
      StreamingQuery query =
          newBodies.writeStream()
              .queryName("conversa-refine")
              .trigger(Trigger.AvailableNow())
              .option("checkpointLocation", checkpoint(lake))
              .foreachBatch(refineBatch)
              .start();
      query.awaitTermination();
    } catch (TimeoutException | StreamingQueryException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw Errors.runFailed("refining the new bronze bodies failed: " + cause.getClass().getName() + ".",
          "rerun `conversa refine`: it resumes from the last batch that completed.", e);
    }
    Compaction.ofFragmented(spark, lake, TableSchemas.ofLayer("silver"));
    return total.get().took((System.nanoTime() - started) / 1e9);
  }

  private long timed(String table, java.util.function.LongSupplier merge) {
    long started = System.nanoTime();
    long rows = merge.getAsLong();
    progress.accept(String.format(java.util.Locale.ROOT, "refine:   silver.%s: %,d rows new or changed (%.1f s)", table, rows, (System.nanoTime() - started) / 1e9));
    return rows;
  }

  /** Where the streaming checkpoint lives: beside the silver tables it feeds. */
  static String checkpoint(Lake lake) {
    return lake.root() + "/silver/_checkpoints/refine";
  }

  private RefineResult refineBatch(SilverMerges merges, Dataset<Row> bodies, long batchId) {
    long batchStarted = System.nanoTime();
    // The stream's session turns adaptive execution off; a foreachBatch body is a batch job, and
    // a large one's joins, windows and MERGEs want it. Its source is a cached, deterministic
    // batch, so Delta need not copy it again before merging.
    bodies.sparkSession().conf().set("spark.databricks.delta.merge.materializeSource", "none");
    long bodyCount = bodies.count();
    CodeGeneration.fitTo(bodies.sparkSession(), bodyCount, COMPILE_FROM_BODIES);
    AdaptiveExecution.fitTo(bodies.sparkSession(), bodyCount);
    Dataset<Row> changes = WebhookChanges.of(bodies).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> messages = InboundMessages.from(changes).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> statuses = StatusUpdates.from(changes).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      progress.accept(String.format(java.util.Locale.ROOT, "refine: batch %d: %,d bronze bodies", batchId, bodyCount));
      // Five tables, each merged from the cached batch alone: side by side, and each idempotent,
      // so a batch replayed after a crash in any of them changes nothing twice.
      List<Long> merged = Concurrently.run(bodies.sparkSession(), List.of(
          () -> timed("messages", () -> merges.messages(messages)),
          () -> timed("statuses", () -> merges.statuses(statuses)),
          () -> timed("outbound_messages", () -> merges.outbound(OutboundLifecycles.from(statuses))),
          () -> timed("conversions", () -> merges.conversions(Conversions.from(changes, messages, statuses))),
          () -> timed("user_links", () -> merges.userLinks(UserLinks.from(changes)))));
      long messageRows = merged.get(0);
      long statusRows = merged.get(1);
      long outbound = merged.get(2);
      long conversions = merged.get(3);
      long links = merged.get(4);
      progress.accept(String.format(java.util.Locale.ROOT, "refine: batch %d merged in %.1f s", batchId, (System.nanoTime() - batchStarted) / 1e9));
      return new RefineResult(1, bodyCount, messageRows, statusRows, outbound, conversions, links, 0);
    } finally {
      statuses.unpersist();
      messages.unpersist();
      changes.unpersist();
    }
  }
}

package io.conversa.bench;

import io.conversa.aggregate.AggregateJob;
import io.conversa.aggregate.GoldTables;
import io.conversa.generate.GeneratorSettings;
import io.conversa.ingest.IngestJob;
import io.conversa.ingest.IngestSettings;
import io.conversa.lake.DeltaMetrics;
import io.conversa.lake.Lake;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.refine.RefineJob;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * What a small run costs beside what its data costs: a week of a small business's logs (427 lines
 * by default) through ingest, refine and aggregate into a new lake, each stage's time, Spark jobs,
 * stages and tasks as Spark's scheduler counted them, and the Delta commits it left, beside the
 * time of {@code select 1} in the same session.
 */
public final class SmallRunBenchmark {
  /** One stage of the run. */
  public record StageCost(String stage, double seconds, long jobs, long stages, long tasks, long commits) {}

  public record Figures(long lines, List<StageCost> stages, double selectOneSeconds, int tablesWritten) {
    public List<String> report() {
      List<String> lines = new ArrayList<>();
      lines.add(String.format(Locale.ROOT, "bench: a run of %,d lines into a new lake", this.lines));
      lines.add(String.format(Locale.ROOT, "  %-10s %9s %6s %7s %7s %8s", "stage", "seconds", "jobs", "stages", "tasks", "commits"));
      StageCost total = new StageCost("run", 0, 0, 0, 0, 0);
      for (StageCost s : stages) {
        lines.add(row(s));
        total = new StageCost("run", total.seconds() + s.seconds(), total.jobs() + s.jobs(), total.stages() + s.stages(),
            total.tasks() + s.tasks(), total.commits() + s.commits());
      }
      lines.add(row(total));
      lines.add(String.format(Locale.ROOT, "  select 1 in the same session: %.2f s; %d tables written", selectOneSeconds, tablesWritten));
      lines.add(String.format(Locale.ROOT, "lines=%d seconds=%.1f jobs=%d stages=%d tasks=%d commits=%d jobs_per_table=%.1f", this.lines,
          total.seconds(), total.jobs(), total.stages(), total.tasks(), total.commits(), (double) total.jobs() / Math.max(1, tablesWritten)));
      return lines;
    }

    private static String row(StageCost s) {
      return String.format(Locale.ROOT, "  %-10s %9.1f %6d %7d %7d %8d", s.stage(), s.seconds(), s.jobs(), s.stages(), s.tasks(), s.commits());
    }
  }

  /** Counts what Spark's scheduler runs. */
  private static final class SchedulerCounts extends SparkListener {
    final AtomicLong jobs = new AtomicLong();
    final AtomicLong stages = new AtomicLong();
    final AtomicLong tasks = new AtomicLong();

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      jobs.incrementAndGet();
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
      stages.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      tasks.incrementAndGet();
    }
  }

  private final SparkSession spark;
  private final Consumer<String> progress;

  public SmallRunBenchmark(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public Figures run(long lines, long seed, Path work) {
    // One small business: one number, 60 people, two campaigns, over a week.
    GeneratorSettings settings = new GeneratorSettings(lines, 1, 1, 60, 2, LocalDate.parse("2026-11-16"), 7, seed, seed,
        1, 0.01, 0.03, 0.15, 0.002, 0.7, 0.5, BenchLogs.APP_SECRET);
    Path logs = BenchLogs.generateOnce(spark, progress, work.resolve("small-" + BenchLogs.GENERATOR_LAYOUT + "-" + lines + "-" + seed), settings);
    Path lake = work.resolve("small-lake");
    PipelineBenchmark.deleteRecursively(lake);
    String root = lake.toAbsolutePath().toString();
    KeyRing keys = BenchLogs.keys(work);
    SchedulerCounts counts = new SchedulerCounts();
    spark.sparkContext().addSparkListener(counts);
    try {
      long t = System.nanoTime();
      spark.sql("select 1").collect();
      double selectOne = (System.nanoTime() - t) / 1e9;
      List<StageCost> stages = new ArrayList<>();
      Lake target = new Lake(spark, root);
      stages.add(measure("ingest", counts, target, () -> new IngestJob(spark, progress).run(new IngestSettings(
          logs.toAbsolutePath().toString(), root, keys, BenchLogs.APP_SECRET, true, false, IngestSettings.DEFAULT_MAX_LINE_BYTES))));
      stages.add(measure("refine", counts, target, () -> new RefineJob(spark, progress).run(root)));
      stages.add(measure("aggregate", counts, target,
          () -> new AggregateJob(spark, progress).run(PipelineBenchmark.defaultRules(root), new Pseudonymizer(keys.primary()))));
      return new Figures(lines, stages, selectOne, (int) tables().stream().filter(target::exists).count());
    } finally {
      spark.sparkContext().removeSparkListener(counts);
    }
  }

  private StageCost measure(String stage, SchedulerCounts counts, Lake lake, Supplier<?> work) {
    long commitsBefore = commits(lake);
    long jobs = counts.jobs.get();
    long stages = counts.stages.get();
    long tasks = counts.tasks.get();
    long t = System.nanoTime();
    work.get();
    double seconds = (System.nanoTime() - t) / 1e9;
    // The listener bus delivers events after the fact: let it catch up before reading.
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not catch up", e);
    }
    return new StageCost(stage, seconds, counts.jobs.get() - jobs, counts.stages.get() - stages, counts.tasks.get() - tasks,
        commits(lake) - commitsBefore);
  }

  /** Commits of every table so far: a table's versions count from 0, its creation. */
  private long commits(Lake lake) {
    long commits = 0;
    for (TableSchema table : tables()) {
      if (lake.exists(table)) {
        commits += DeltaMetrics.currentVersion(io.delta.tables.DeltaTable.forPath(spark, lake.path(table))) + 1;
      }
    }
    return commits;
  }

  private static List<TableSchema> tables() {
    List<TableSchema> all = new ArrayList<>(GoldTables.lakeTables());
    all.addAll(TableSchemas.internal());
    return all;
  }
}

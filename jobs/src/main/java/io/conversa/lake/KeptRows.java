package io.conversa.lake;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Rows computed once, kept by the executors (memory, then disk), and read back through a plan that
 * is only a scan of them. {@code persist()} alone keeps the rows but not the plan: every query on a
 * persisted gold table carried the whole lineage behind it (outcomes, periods, unions), and the
 * driver spent longer planning, comparing plans with the cache and describing them to the UI than
 * the executors spent computing (a 924-message aggregate: 30 s without a job, an event log of
 * 750 MB). Cut here, a release's plans stay small whatever they are built on.
 */
public final class KeptRows implements AutoCloseable {
  private final JavaRDD<Row> rows;
  private final Dataset<Row> dataset;

  private KeptRows(JavaRDD<Row> rows, Dataset<Row> dataset) {
    this.rows = rows;
    this.dataset = dataset;
  }

  /** Computes {@code source} now and keeps its rows. */
  public static KeptRows of(Dataset<Row> source) {
    JavaRDD<Row> rows = source.javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
    rows.count();
    return new KeptRows(rows, source.sparkSession().createDataFrame(rows, source.schema()));
  }

  /** The kept rows, as a dataset whose plan starts here. */
  public Dataset<Row> rows() {
    return dataset;
  }

  @Override
  public void close() {
    rows.unpersist(false);
  }

  /** Several kept datasets let go together. */
  public static final class All implements AutoCloseable {
    private final java.util.List<KeptRows> kept = new java.util.ArrayList<>();

    /** Keeps {@code source} ({@link KeptRows#of}) until {@link #close}; its kept rows. */
    public synchronized Dataset<Row> add(Dataset<Row> source) {
      KeptRows rows = KeptRows.of(source);
      kept.add(rows);
      return rows.rows();
    }

    @Override
    public synchronized void close() {
      kept.forEach(KeptRows::close);
      kept.clear();
    }
  }
}

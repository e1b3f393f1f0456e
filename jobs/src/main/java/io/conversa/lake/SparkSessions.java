package io.conversa.lake;

import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is made. The master is never set here: spark-submit sets it on a
 * cluster, and the launcher passes {@code --master} for local mode.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName, String masterOrNull) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.databricks.delta.snapshotPartitions", "4")
            // Delta's auto compaction checks every commit with a Spark job (36 of the 419 jobs of a
            // 427-line run, none of which found anything to compact): Compaction checks each table
            // once per stage from its checksum instead. The table property stays for other engines.
            .config("spark.databricks.delta.autoCompact.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            // Staged lines are cached once per ingest; compressing them costs more than it saves.
            .config("spark.sql.inMemoryColumnarStorage.compressed", "false")
            // Partitioned writes without a sort by partition first: bronze lands in many dates.
            .config("spark.sql.maxConcurrentOutputFileWriters", "64")
            // Parquet's own timestamp type, not Spark's legacy INT96: every reader knows it, and
            // an INT96 column went through a dictionary attempt per value in bronze's writes.
            .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
            // Gold's exact percentiles keep one buffer per group; past Spark's 128 groups a task
            // falls back to sorting and serialising every buffer, most of aggregate's time.
            .config("spark.sql.objectHashAggregate.sortBased.fallbackThreshold", "4096")
            // Lakes, reports and generated logs are their owner's only: files 600, folders 700.
            .config("spark.hadoop.fs.permissions.umask-mode", "077");
    if (masterOrNull != null) {
      builder =
          builder
              .master(masterOrNull)
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", localShufflePartitions())
              // A lake in a local folder without a process forked per file created or committed.
              .config("spark.hadoop.fs.file.impl", NoForkLocalFileSystem.class.getName())
              .config("spark.hadoop.fs.AbstractFileSystem.file.impl", NoForkLocalFs.class.getName());
    }
    SparkSession spark = builder.getOrCreate();
    // Hashes and JSON payloads never repeat: parquet's dictionary attempt on them is pure cost.
    spark.sparkContext().hadoopConfiguration().set("parquet.enable.dictionary#payload", "false");
    spark.sparkContext().hadoopConfiguration().set("parquet.enable.dictionary#event_id", "false");
    return spark;
  }

  /** On a laptop or CI box, 200 shuffle partitions would be mostly empty tasks. */
  private static String localShufflePartitions() {
    return Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
  }
}

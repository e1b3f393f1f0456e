package io.conversa.testing;

import io.conversa.lake.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * One local[2] session for every test class of the JVM: starting Spark and Delta costs seconds,
 * so tests share it and keep their state in their own temporary lakes.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      System.setProperty("spark.sql.shuffle.partitions", "2");
      System.setProperty("spark.databricks.delta.snapshotPartitions", "2");
      session = SparkSessions.getOrCreate("conversa tests", "local[2]");
      session.conf().set("spark.sql.shuffle.partitions", "2");
    }
    return session;
  }
}

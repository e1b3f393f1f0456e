package io.conversa.lake;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Keeps a failed task's error out of Spark's log lines. Spark logs a task's exception with its
 * message when the task fails (the executor), when the scheduler counts it lost, and when the job
 * is aborted; that message can quote the row the task failed on or a text the query chose
 * ({@code raise_error}). conversa reports the failure itself, by its error class.
 */
public final class TaskErrorLogs {
  private static final String[] LOGGERS = {
    "org.apache.spark.executor.Executor",
    "org.apache.spark.scheduler.TaskSetManager",
    "org.apache.spark.scheduler.TaskSchedulerImpl",
    "org.apache.spark.scheduler.DAGScheduler",
    "org.apache.spark.sql.execution.datasources.FileFormatWriter",
  };

  private TaskErrorLogs() {}

  /** From now on, in this JVM, unless CONVERSA_DEBUG asks for stack traces. */
  public static void silence() {
    if (System.getenv("CONVERSA_DEBUG") != null) {
      return;
    }
    for (String logger : LOGGERS) {
      Configurator.setLevel(logger, Level.OFF);
    }
  }
}

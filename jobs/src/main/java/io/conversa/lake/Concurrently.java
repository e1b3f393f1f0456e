package io.conversa.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;

/**
 * Runs independent Spark actions (writes to different tables, checks of different tables) from
 * a few driver threads at once. On small data a Delta write or a query is mostly the driver's
 * planning and commit, one thread each; side by side they use the cores the executors leave idle.
 */
public final class Concurrently {
  private static final int THREADS = 4;

  private Concurrently() {}

  /** Each task's answer, in the tasks' order; the first failure is thrown once all have ended. */
  public static <T> List<T> run(SparkSession spark, List<Callable<T>> tasks) {
    if (tasks.size() <= 1) {
      return tasks.stream().map(Concurrently::call).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, tasks.size()), runnable -> {
      Thread thread = new Thread(runnable, "conversa-driver-action");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          SparkSession.setActiveSession(spark);
          return task.call();
        }));
      }
      List<T> answers = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<T> future : futures) {
        try {
          answers.add(future.get());
        } catch (ExecutionException e) {
          failure = failure != null ? failure : unchecked(e.getCause());
          answers.add(null);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for Spark actions", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (Exception e) {
      throw unchecked(e);
    }
  }

  private static RuntimeException unchecked(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }
}

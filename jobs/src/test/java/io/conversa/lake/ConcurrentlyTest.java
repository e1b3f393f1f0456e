package io.conversa.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentlyTest {
  @TempDir java.nio.file.Path dir;

  @Test
  void answersInTheTasksOrderWithTheSessionActiveInEachThread() {
    SparkSession spark = SharedSpark.session();
    List<Callable<Long>> writes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String table = dir.resolve("t" + i).toString();
      long rows = 10L * (i + 1);
      writes.add(() -> {
        assertSame(spark, SparkSession.active());
        spark.range(rows).write().format("delta").save(table);
        return spark.read().format("delta").load(table).count();
      });
    }
    assertEquals(List.of(10L, 20L, 30L, 40L, 50L, 60L), Concurrently.run(spark, writes));
  }

  @Test
  void aFailureIsThrownOnceEveryOtherTaskHasEnded() {
    AtomicInteger ended = new AtomicInteger();
    IllegalArgumentException failure = new IllegalArgumentException("third");
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      tasks.add(() -> {
        if (n == 2) {
          throw failure;
        }
        Thread.sleep(50);
        return ended.incrementAndGet();
      });
    }
    assertSame(failure, assertThrows(IllegalArgumentException.class, () -> Concurrently.run(SharedSpark.session(), tasks)));
    assertEquals(4, ended.get(), "the other tasks ran to their end");
    assertTrue(Concurrently.run(SharedSpark.session(), List.<Callable<Integer>>of()).isEmpty());
  }
}

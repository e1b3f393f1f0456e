package io.conversa.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.common.ConversaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer at a time, on a real local lake folder. */
class LakeLeaseTest {
  private static final Configuration HADOOP = new Configuration();
  private static final Duration NO_WAIT = Duration.ofMillis(1);
  @TempDir Path dir;

  private String lake() {
    return dir.resolve("lake").toUri().toString();
  }

  @Test
  void aSecondWriterIsRefusedNamingTheFirstAndGetsTheLeaseOnceItIsReleased() {
    List<String> progress = new ArrayList<>();
    try (LakeLease first = LakeLease.acquire(HADOOP, lake(), "ingest", NO_WAIT, progress::add)) {
      ConversaException refused = assertThrows(ConversaException.class, () -> LakeLease.acquire(HADOOP, lake(), "refine", NO_WAIT, progress::add));
      assertEquals(1, refused.exitCode());
      assertTrue(refused.getMessage().contains("`conversa ingest` (process " + ProcessHandle.current().pid()), refused.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("lake/_conversa/lease.json")), "released");
    try (LakeLease again = LakeLease.acquire(HADOOP, lake(), "refine", NO_WAIT, progress::add)) {
      assertTrue(Files.exists(dir.resolve("lake/_conversa/lease.json")));
    }
  }

  @Test
  void aLeaseLeftByADeadProcessIsTakenOver() throws IOException {
    Files.createDirectories(dir.resolve("lake/_conversa"));
    long deadPid = deadPid();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(dir.resolve("lake/_conversa/lease.json"),
        "{\"command\":\"run\",\"pid\":" + deadPid + ",\"host\":\"" + host + "\",\"started_at\":\"2026-11-30T01:00:00Z\",\"token\":\"t\"}");
    List<String> progress = new ArrayList<>();
    try (LakeLease taken = LakeLease.acquire(HADOOP, lake(), "ingest", NO_WAIT, progress::add)) {
      assertTrue(progress.get(0).contains("taking over the lease of `conversa run` (process " + deadPid), progress.toString());
    }
  }

  @Test
  void aLeaseOfAnotherHostIsRespectedWhileItsHeartbeatIsFresh() throws IOException {
    Files.createDirectories(dir.resolve("lake/_conversa"));
    Path lease = dir.resolve("lake/_conversa/lease.json");
    Files.writeString(lease, "{\"command\":\"aggregate\",\"pid\":42,\"host\":\"worker-7\",\"started_at\":\"2026-11-30T01:00:00Z\",\"token\":\"t\"}");
    assertThrows(ConversaException.class, () -> LakeLease.acquire(HADOOP, lake(), "ingest", NO_WAIT, line -> { }));
    Files.setLastModifiedTime(lease, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - LakeLease.STALE_AFTER.toMillis() - 1_000));
    try (LakeLease taken = LakeLease.acquire(HADOOP, lake(), "ingest", NO_WAIT, line -> { })) {
      assertTrue(Files.readString(lease).contains("\"command\":\"ingest\""));
    }
  }

  @Test
  void manyWritersStartedTogetherHoldTheLeaseOneAtATime() throws Exception {
    int writers = 6;
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      done.add(pool.submit(() -> {
        start.await();
        try (LakeLease lease = LakeLease.acquire(HADOOP, lake(), "run", Duration.ofMinutes(1), line -> { })) {
          mostAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
          Thread.sleep(50);
          holding.decrementAndGet();
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    assertEquals(1, mostAtOnce.get(), "never two holders at once");
  }

  @Test
  void aLakeThatCannotBeALakeIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    assertEquals(2, assertThrows(ConversaException.class, () -> LakeFolder.requireUsable(HADOOP, file.toUri().toString())).exitCode());
    Path foreign = Files.createDirectories(dir.resolve("photos"));
    Files.writeString(foreign.resolve("holiday.jpg"), "x");
    ConversaException refused = assertThrows(ConversaException.class, () -> LakeFolder.requireUsable(HADOOP, foreign.toUri().toString()));
    assertTrue(refused.getMessage().contains("not a conversa lake"), refused.getMessage());
    LakeFolder.requireUsable(HADOOP, dir.resolve("new").toUri().toString());
    Files.createDirectories(dir.resolve("lake/bronze"));
    LakeFolder.requireUsable(HADOOP, lake());
  }

  /** A pid no process has: a finished child's. */
  private static long deadPid() throws IOException {
    Process process = new ProcessBuilder("true").start();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return process.pid();
  }
}

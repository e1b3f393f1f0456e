package io.conversa.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples the driver JVM's used heap every 200 ms (local mode: executors share the JVM). */
final class PeakHeap {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread sampler;
  private volatile long maxUsed;
  private volatile boolean running = true;

  PeakHeap() {
    sampler = new Thread(this::sample, "conversa-peak-heap");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (running) {
      maxUsed = Math.max(maxUsed, memory.getHeapMemoryUsage().getUsed());
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void stop() {
    running = false;
    sampler.interrupt();
  }

  long maxUsedBytes() {
    return maxUsed;
  }

  /**
   * The process's peak resident memory (Linux VmHWM): heap, Spark's off-heap buffers and DuckDB's
   * native memory together; 0 where /proc is not there.
   */
  static long peakResidentBytes() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}

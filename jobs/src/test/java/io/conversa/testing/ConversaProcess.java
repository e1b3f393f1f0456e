package io.conversa.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A conversa command line in a JVM of its own, as a scheduler starts it: the only way to test
 * what a second process or a SIGKILL does to a lake.
 */
public final class ConversaProcess {
  private final Process process;
  private final Path output;
  private final long startedNanos = System.nanoTime();

  private ConversaProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code conversa args...} with this JVM's class path and module flags; output goes to {@code output}. */
  public static ConversaProcess start(Path output, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("--add-opens") || option.startsWith("--add-exports") || option.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || option.startsWith("-Djdk.reflect") || option.startsWith("-Dspark.")) {
        command.add(option);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.conversa.cli.Conversa"));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(output.toAbsolutePath().getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
          .directory(output.toAbsolutePath().getParent().toFile()).start();
      return new ConversaProcess(process, output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a conversa JVM", e);
    }
  }

  /** Waits up to {@code limit}; the exit code, or -1 if it had to be killed. */
  public int await(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        return -1;
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      return -1;
    }
  }

  /**
   * Kills the JVM with SIGKILL after {@code delay} from its start, unless it ended before.
   * Answers whether it was killed (false: it had finished).
   */
  public boolean killAt(Duration delay) {
    long wait = delay.toNanos() - (System.nanoTime() - startedNanos);
    try {
      if (wait > 0 && process.waitFor(wait, TimeUnit.NANOSECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!process.isAlive()) {
      return false;
    }
    kill();
    return true;
  }

  private void kill() {
    process.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally block runs
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public double secondsSinceStart() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  public String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }
}

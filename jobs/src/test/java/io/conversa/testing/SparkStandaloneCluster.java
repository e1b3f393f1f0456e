package io.conversa.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on this machine: a master and one worker, each in its own JVM,
 * started from a Spark home of Maven jars (pom.xml builds {@code target/spark-home}), bound to
 * 127.0.0.1 on free ports. {@link #submit} runs spark-submit as a third JVM, the driver, in
 * client mode; the worker starts the executors as JVMs of their own. Every process writes to a
 * log file under the cluster's folder, and {@link #close} stops each process with its children
 * (the worker's executors), also when a test failed or the JVM exits early.
 */
public final class SparkStandaloneCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
  private static final Pattern TASK_EXECUTOR = Pattern.compile("\"Executor ID\":\"([^\"]+)\"");

  private final Path home;
  private final Path dir;
  private final List<String> jvmOptions;
  private final List<Process> processes = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopAll, "stop spark standalone cluster");
  private String masterUrl;

  private SparkStandaloneCluster(Path home, Path dir, List<String> jvmOptions) {
    this.home = home;
    this.dir = dir;
    this.jvmOptions = jvmOptions;
  }

  /**
   * Starts a master and a worker with {@code workerCores} cores and {@code workerMemory} (e.g.
   * {@code 3g}) for executors, and waits until the worker has registered.
   *
   * @param jvmOptions the Java 17 module opens Spark needs, for every JVM of the cluster
   */
  public static SparkStandaloneCluster start(Path home, Path dir, List<String> jvmOptions, int workerCores, String workerMemory) {
    if (!Files.isDirectory(home.resolve("jars"))) {
      throw new IllegalStateException(home + "/jars is missing: run `mvn verify`, whose pre-integration-test phase builds the Spark home");
    }
    SparkStandaloneCluster cluster = new SparkStandaloneCluster(home, dir, jvmOptions);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.startMasterAndWorker(workerCores, workerMemory);
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void startMasterAndWorker(int workerCores, String workerMemory) {
    try {
      Files.createDirectories(dir.resolve("logs"));
      Files.createDirectories(eventLogDir());
      int masterPort = freePort();
      int masterUiPort = freePort();
      masterUrl = "spark://127.0.0.1:" + masterPort;
      launch("master", "512m", "org.apache.spark.deploy.master.Master",
          List.of("--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUiPort)));
      launch("worker", "512m", "org.apache.spark.deploy.worker.Worker",
          List.of("--host", "127.0.0.1", "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()),
              "--cores", Integer.toString(workerCores), "--memory", workerMemory, "--work-dir", workDir().toString(), masterUrl));
      awaitWorkerRegistered(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String masterUrl() {
    return masterUrl;
  }

  /** The worker's work folder: one {@code app-*} folder per application, one numbered folder per executor in it. */
  public Path workDir() {
    return dir.resolve("work");
  }

  public Path eventLogDir() {
    return dir.resolve("events");
  }

  /**
   * Runs {@code spark-submit <args>} against this cluster as its own JVM, the driver in client
   * mode, with an event log; its output goes to {@code logs/driver.log}. Answers the exit code.
   *
   * @throws AssertionError with the logs' tails when the driver does not end within the timeout
   */
  public int submit(Duration timeout, List<String> args) {
    List<String> submit = new ArrayList<>(List.of(
        "--master", masterUrl, "--deploy-mode", "client",
        "--conf", "spark.driver.host=127.0.0.1",
        // Spark 3.5's SparkContext adds the same opens for executors; explicit here, so the test does not depend on it.
        "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", jvmOptions),
        "--conf", "spark.eventLog.enabled=true",
        "--conf", "spark.eventLog.dir=" + eventLogDir().toUri()));
    submit.addAll(args);
    Process driver = launch("driver", "1536m", "org.apache.spark.deploy.SparkSubmit", submit);
    try {
      if (!driver.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(driver);
        throw new AssertionError("spark-submit did not end within " + timeout + "\n" + diagnostics());
      }
      return driver.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the driver ran", e);
    }
  }

  /** Tasks that ended, by the id of the executor that ran them ({@code driver} for the driver), from the event logs. */
  public Map<String, Long> tasksByExecutor() throws IOException {
    Map<String, Long> tasks = new TreeMap<>();
    try (Stream<Path> logs = Files.list(eventLogDir())) {
      for (Path log : logs.toList()) {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
          Matcher executor = TASK_EXECUTOR.matcher(line);
          if (line.startsWith("{\"Event\":\"SparkListenerTaskEnd\"") && executor.find()) {
            tasks.merge(executor.group(1), 1L, Long::sum);
          }
        }
      }
    }
    return tasks;
  }

  /** The last lines of the master's, the worker's, the driver's and every executor's log: what a failed assertion shows. */
  public String diagnostics() {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("master", "worker", "driver")) {
      text.append(tail(dir.resolve("logs").resolve(name + ".log"), 40));
    }
    try (Stream<Path> files = Files.exists(workDir()) ? Files.walk(workDir(), 3) : Stream.empty()) {
      files.filter(f -> f.getFileName().toString().equals("stderr")).sorted().forEach(f -> text.append(tail(f, 20)));
    } catch (IOException e) {
      text.append("(cannot list ").append(workDir()).append(": ").append(e).append(")\n");
    }
    return text.toString();
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of("(no such file)");
      return "---- " + file + " (last " + lines + " lines)\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    } catch (IOException | UncheckedIOException e) {
      return "---- " + file + ": " + e + "\n";
    }
  }

  private Process launch(String name, String heap, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", home.resolve("conf") + ":" + home.resolve("jars") + "/*", mainClass));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("logs").resolve(name + ".log").toFile());
    builder.environment().put("SPARK_HOME", home.toString());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    // Without it the worker's launcher looks for a Spark build tree to learn the Scala version, and every executor fails.
    builder.environment().put("SPARK_SCALA_VERSION", "2.12");
    // Shuffle and block files under the test's folder, not /tmp.
    builder.environment().put("SPARK_LOCAL_DIRS", dir.resolve("local").toString());
    try {
      Process process = builder.start();
      synchronized (processes) {
        processes.add(process);
      }
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + name + " JVM", e);
    }
  }

  private void awaitWorkerRegistered(URI masterJson) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (processes.stream().anyMatch(p -> !p.isAlive())) {
        throw new AssertionError("the master or the worker stopped while starting\n" + diagnostics());
      }
      try {
        HttpResponse<String> state = http.send(HttpRequest.newBuilder(masterJson).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher alive = ALIVE_WORKERS.matcher(state.body());
        if (state.statusCode() == 200 && alive.find() && Integer.parseInt(alive.group(1)) >= 1) {
          return;
        }
      } catch (IOException e) {
        // The master's web UI is not up yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the cluster started", e);
      }
      sleep(Duration.ofMillis(500));
    }
    throw new AssertionError("no worker registered with the master within " + START_TIMEOUT + "\n" + diagnostics());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops the driver, then the worker with its executors, then the master. */
  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running or ran.
    }
  }

  private void stopAll() {
    List<Process> started;
    synchronized (processes) {
      started = new ArrayList<>(processes);
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      stop(started.get(i));
    }
  }

  /** SIGTERM to the process and its descendants (collected first: they leave the tree when their parent dies), SIGKILL after a grace period. */
  private static void stop(Process process) {
    List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (ProcessHandle handle : tree) {
      while (handle.isAlive() && System.nanoTime() < deadline) {
        sleep(Duration.ofMillis(100));
      }
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // Nothing more can be done for a process SIGKILL did not end.
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

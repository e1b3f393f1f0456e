package io.conversa.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conversa.common.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One writer at a time on a lake: {@code <lake>/_conversa/lease.json}, created only if absent
 * (an atomic create on local disks and HDFS), names the command, process and host that holds it
 * and is touched every {@link #HEARTBEAT} while it runs. A second writer waits for it, then exits
 * 1 naming the holder. A lease whose process is gone (same host, no such process) or whose
 * heartbeat stopped {@link #STALE_AFTER} ago (another host) is taken over.
 *
 * <p>Object stores without an atomic create-if-absent (S3 before conditional writes) make this a
 * best effort: there Delta's own conflict detection remains the guard of every commit.
 */
public final class LakeLease implements AutoCloseable {
  static final Duration HEARTBEAT = Duration.ofSeconds(20);
  static final Duration STALE_AFTER = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Lakes leased by this JVM: a lease file naming this process but not here was left by a crash. */
  private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final FileSystem fs;
  private final Path path;
  private final String token;
  private final ScheduledExecutorService heartbeat;

  private LakeLease(FileSystem fs, Path path, String token) {
    this.fs = fs;
    this.path = path;
    this.token = token;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "conversa-lease-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
    heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  static Path location(String lakeRoot) {
    return new Path(lakeRoot + "/_conversa/lease.json");
  }

  /**
   * Takes the lake's lease for {@code command}, waiting up to {@code wait} for a running writer;
   * exits 1 (a {@link io.conversa.common.ConversaException}) naming it when the wait is over.
   */
  public static LakeLease acquire(Configuration hadoop, String lakeRoot, String command, Duration wait, Consumer<String> progress) {
    Path path = location(lakeRoot);
    Instant deadline = Instant.now().plus(wait);
    boolean announced = false;
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      while (true) {
        String token = UUID.randomUUID().toString();
        // Created and registered together: a thread of this JVM must not find our pid unregistered.
        synchronized (HELD_HERE) {
          if (tryCreate(fs, path, command, token)) {
            HELD_HERE.add(path.toString());
            return new LakeLease(fs, path, token);
          }
        }
        Holder holder = Holder.read(fs, path);
        if (holder == null) {
          continue; // released between our create and our read
        }
        if (holder.isStale(path.toString())) {
          progress.accept("lake: taking over the lease of " + holder.describe() + ", which is no longer running");
          removeIfStill(fs, path, holder.token);
          continue;
        }
        if (!Instant.now().isBefore(deadline)) {
          throw Errors.runFailed("lake " + lakeRoot + " is being written by " + holder.describe()
                  + "; conversa writes a lake one command at a time.",
              "wait for it to finish, or pass --wait with a longer time; if that process is gone, its lease is taken over once its"
                  + " heartbeat is " + STALE_AFTER.toMinutes() + " minutes old (remove " + path + " only if you are sure).", null);
        }
        if (!announced) {
          progress.accept("lake: waiting for " + holder.describe() + " to finish (up to " + wait.toSeconds() + " s)");
          announced = true;
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("taking the lease " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.runFailed("interrupted while waiting for the lease of lake " + lakeRoot + ".", "run the command again.", e);
    }
  }

  private static boolean tryCreate(FileSystem fs, Path path, String command, String token) throws IOException {
    ObjectNode lease = JSON.createObjectNode()
        .put("command", command)
        .put("pid", ProcessHandle.current().pid())
        .put("host", hostName())
        .put("started_at", Instant.now().toString())
        .put("token", token);
    try (OutputStream out = createIfAbsent(fs, path)) {
      out.write(JSON.writeValueAsBytes(lease));
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException | java.nio.file.FileAlreadyExistsException taken) {
      return false;
    } catch (IOException maybeTaken) {
      if (fs.exists(path)) {
        return false;
      }
      throw maybeTaken;
    }
  }

  /**
   * Hadoop's local file system checks for the file, then creates it: two processes can both pass
   * the check. On a local disk the lease is created with O_EXCL instead; HDFS creates atomically.
   */
  private static OutputStream createIfAbsent(FileSystem fs, Path path) throws IOException {
    if (fs instanceof org.apache.hadoop.fs.LocalFileSystem || fs instanceof org.apache.hadoop.fs.RawLocalFileSystem) {
      java.nio.file.Path local = java.nio.file.Path.of(path.toUri());
      io.conversa.common.OwnerOnlyFiles.createFile(local); // fails if another process holds it
      return java.nio.file.Files.newOutputStream(local, java.nio.file.StandardOpenOption.WRITE);
    }
    fs.mkdirs(path.getParent());
    return fs.create(path, false);
  }

  /** Removes the lease file only if it still holds {@code token}: two takers of one stale lease must not remove each other's. */
  private static void removeIfStill(FileSystem fs, Path path, String token) throws IOException {
    Holder now = Holder.read(fs, path);
    if (now != null && now.token.equals(token)) {
      fs.delete(path, false);
    }
  }

  private void touch() {
    try {
      fs.setTimes(path, System.currentTimeMillis(), -1);
    } catch (IOException | RuntimeException e) {
      // A missed heartbeat only shortens the time before another host may take the lease over.
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      removeIfStill(fs, path, token);
    } catch (IOException e) {
      throw new UncheckedIOException("releasing the lease " + path, e);
    } finally {
      HELD_HERE.remove(path.toString());
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  /** Who holds a lease, as its file says. */
  private record Holder(String command, long pid, String host, String startedAt, String token, long touchedAtMillis) {
    static Holder read(FileSystem fs, Path path) throws IOException {
      try (InputStream in = fs.open(path)) {
        JsonNode lease = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        long touched = fs.getFileStatus(path).getModificationTime();
        if (lease == null) {
          return new Holder("an unknown command", -1, "", "", "", touched);
        }
        return new Holder(lease.path("command").asText("an unknown command"), lease.path("pid").asLong(-1), lease.path("host").asText(""),
            lease.path("started_at").asText(""), lease.path("token").asText(""), touched);
      } catch (java.io.FileNotFoundException released) {
        return null;
      } catch (com.fasterxml.jackson.core.JsonProcessingException halfWritten) {
        // The holder is between its create and its write: young, not stale.
        return new Holder("a command starting", -1, "", "", "", System.currentTimeMillis());
      }
    }

    boolean isStale(String leasePath) {
      if (host.equals(hostName()) && pid > 0) {
        if (pid == ProcessHandle.current().pid()) {
          synchronized (HELD_HERE) {
            return !HELD_HERE.contains(leasePath);
          }
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
      }
      return System.currentTimeMillis() - touchedAtMillis > STALE_AFTER.toMillis();
    }

    String describe() {
      return "`conversa " + command + "` (process " + pid + " on " + (host.isEmpty() ? "an unknown host" : host)
          + (startedAt.isEmpty() ? "" : ", since " + startedAt) + ")";
    }
  }
}

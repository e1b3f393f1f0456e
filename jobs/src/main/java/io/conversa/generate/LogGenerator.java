package io.conversa.generate;

import io.conversa.generate.Episodes.Emitted;
import io.conversa.generate.FaultInjector.Counts;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Writes synthetic webhook logs with Spark: one task a file, each rebuilding the world from the
 * seed and writing its lines as it makes them, so 100 million events never meet in one JVM.
 */
public final class LogGenerator {
  private static final int CHUNK_EPISODES = 2_000;

  public record Result(int files, long lines, long junk, long retries, long forged) {}

  private LogGenerator() {}

  public static Result generate(SparkSession spark, GeneratorSettings settings, String out) {
    return generate(spark, settings, out, null);
  }

  /**
   * @param businessOut null, or where the business's own records go: {@code send-log/} (CSV
   *     files of message_id,campaign,template,reference_id) and {@code payments/} (a payment
   *     provider's export of the Pix charges). Never inside {@code out}: ingest would read them
   *     as webhook logs.
   */
  public static Result generate(SparkSession spark, GeneratorSettings settings, String out, String businessOut) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SerializableConfiguration hadoop = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    List<Integer> files = IntStream.range(0, settings.files()).boxed().toList();
    spark.sparkContext().setJobDescription("conversa generate: write " + settings.files() + " log files");
    List<Counts> counts =
        jsc.parallelize(files, Math.max(1, settings.files()))
            .map(index -> writeFile(settings, out, businessOut, index, hadoop.value()))
            .collect();
    return new Result(
        settings.files(),
        counts.stream().mapToLong(Counts::lines).sum(),
        counts.stream().mapToLong(Counts::junk).sum(),
        counts.stream().mapToLong(Counts::retries).sum(),
        counts.stream().mapToLong(Counts::forged).sum());
  }

  static String fileName(GeneratorSettings settings, int index) {
    boolean gzip = (World.mix(settings.seed() * 31 + index) & 1023) < settings.gzipShare() * 1024;
    return String.format("webhook-log-%05d.jsonl%s", index, gzip ? ".gz" : "");
  }

  static long linesOf(GeneratorSettings settings, int index) {
    return settings.events() / settings.files() + (index < settings.events() % settings.files() ? 1 : 0);
  }

  private static Counts writeFile(GeneratorSettings settings, String out, String businessOut, int index, Configuration hadoop) {
    World world = new World(settings);
    Episodes episodes = new Episodes(world, settings, index);
    FaultInjector faults = new FaultInjector(settings, episodes.random());
    long target = linesOf(settings, index);
    String name = fileName(settings, index);
    Path path = new Path(out, name);
    long written = 0;
    long lastReceivedAt = Long.MIN_VALUE;
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      try (OutputStream raw = fs.create(path, true);
          OutputStream stream = new BufferedOutputStream(name.endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw, 1 << 16)) {
        List<Emitted> chunk = new ArrayList<>();
        List<byte[]> lines = new ArrayList<>();
        while (written < target) {
          chunk.clear();
          for (int i = 0; i < CHUNK_EPISODES; i++) {
            episodes.next(chunk);
          }
          faults.addRetries(chunk);
          chunk.sort(Comparator.comparingLong(Emitted::receivedAt));
          for (Emitted emitted : chunk) {
            lines.clear();
            faults.render(emitted, lines);
            for (byte[] line : lines) {
              if (written == target) {
                break;
              }
              stream.write(line);
              stream.write('\n');
              written++;
            }
            lastReceivedAt = emitted.receivedAt();
            if (written == target) {
              break;
            }
          }
        }
      }
      if (businessOut != null) {
        writeBusinessRecords(fs(businessOut, hadoop), businessOut, index, episodes.businessRecords(), lastReceivedAt);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    return faults.counts(written);
  }

  private static FileSystem fs(String folder, Configuration hadoop) throws IOException {
    return new Path(folder).getFileSystem(hadoop);
  }

  /** The send log and payment rows of the checkouts this file's logs reach. */
  private static void writeBusinessRecords(
      FileSystem fs, String businessOut, int index, List<Episodes.BusinessRecord> records, long lastReceivedAt) throws IOException {
    List<Episodes.BusinessRecord> reached = records.stream().filter(r -> r.sentAt() <= lastReceivedAt).toList();
    writeLines(fs, new Path(businessOut, String.format("send-log/send-log-%05d.csv", index)), Episodes.SEND_LOG_HEADER,
        reached.stream().map(Episodes.BusinessRecord::sendLogLine).toList());
    writeLines(fs, new Path(businessOut, String.format("payments/pix-export-%05d.csv", index)), Episodes.PAYMENTS_HEADER,
        reached.stream().map(Episodes.BusinessRecord::paymentLine).toList());
  }

  private static void writeLines(FileSystem fs, Path path, String header, List<String> lines) throws IOException {
    try (OutputStream stream = new BufferedOutputStream(fs.create(path, true))) {
      stream.write((header + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (String line : lines) {
        stream.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }
}

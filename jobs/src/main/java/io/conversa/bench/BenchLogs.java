package io.conversa.bench;

import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.privacy.KeyRing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/** What every benchmark shares: logs generated once and cached, one app secret, one key. */
final class BenchLogs {
  /** The generator's layout version goes into cache folder names: logs of an older generator are not reused. */
  static final String GENERATOR_LAYOUT = "v3";
  static final byte[] APP_SECRET = "bench-app-secret".getBytes(StandardCharsets.UTF_8);

  private BenchLogs() {}

  /** The logs in {@code folder}, generated there unless a finished generation is already cached. */
  static Path generateOnce(SparkSession spark, Consumer<String> progress, Path folder, GeneratorSettings settings) {
    Path done = folder.resolve("_generator").resolve("DONE");
    if (!Files.exists(done)) {
      PipelineBenchmark.deleteRecursively(folder);
      progress.accept(String.format(java.util.Locale.ROOT, "bench: generating %,d events over %d days into %s (once)",
          settings.events(), settings.days(), folder));
      LogGenerator.generate(spark, settings, folder.toAbsolutePath().toString());
      PipelineBenchmark.write(done, "generated\n");
    }
    return folder;
  }

  /** The benchmarks' pseudonym key, made on first use under the work folder. */
  static KeyRing keys(Path work) {
    Path keyFile = work.resolve("bench.key");
    if (!Files.exists(keyFile)) {
      PipelineBenchmark.write(keyFile, KeyRing.generateText("bench"));
    }
    return KeyRing.read(keyFile);
  }
}

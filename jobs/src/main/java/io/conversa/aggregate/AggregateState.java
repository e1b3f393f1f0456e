package io.conversa.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * How far gold has read silver: the version of each silver table it last aggregated, and the
 * rules it used. Written after gold commits, so a crash in between only makes the next run
 * recompute the same dates again. The rules are kept as a SHA-256 of their description: that
 * names files and the clients' recipients, and only equality matters.
 */
record AggregateState(String fingerprint, Map<String, Long> versions, boolean hashed) {
  private static final ObjectMapper JSON = new ObjectMapper();

  AggregateState(String fingerprint, Map<String, Long> versions) {
    this(fingerprint, versions, false);
  }

  /** Whether gold was built under the rules {@code fingerprint} describes. */
  boolean builtWith(String otherFingerprint) {
    return (hashed ? fingerprint : sha256(fingerprint)).equals(sha256(otherFingerprint));
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path location(String lakeRoot) {
    return new Path(lakeRoot + "/gold/_aggregate_state.json");
  }

  /** The stored state, or null before the first aggregate. */
  static AggregateState read(SparkSession spark, String lakeRoot) {
    Path path = location(lakeRoot);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        return null;
      }
      try (InputStream in = fs.open(path)) {
        JsonNode root = JSON.readTree(in);
        Map<String, Long> versions = new TreeMap<>();
        root.path("versions").fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asLong()));
        String fingerprint = root.path("fingerprint").asText();
        // Lakes before the hash kept the description itself: read either, write the hash.
        return new AggregateState(fingerprint, versions, fingerprint.matches("[0-9a-f]{64}"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
  }

  void write(SparkSession spark, String lakeRoot) {
    Path path = location(lakeRoot);
    ObjectNode root = JSON.createObjectNode();
    root.put("fingerprint", sha256(fingerprint));
    ObjectNode versionNode = root.putObject("versions");
    versions.forEach(versionNode::put);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(path, true)) {
        out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + path, e);
    }
  }
}

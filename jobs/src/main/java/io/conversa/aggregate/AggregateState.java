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
 * names files and the clients' recipients, and only equality matters. The payments file is kept
 * as a digest per date of payment ({@link PaymentRecords#paidDays}; null: no file, or a lake from
 * before), so that a rewritten export recomputes only the dates it changed.
 */
record AggregateState(String fingerprint, Map<String, Long> versions, boolean hashed, Map<String, String> paymentDays) {
  private static final ObjectMapper JSON = new ObjectMapper();

  AggregateState(String fingerprint, Map<String, Long> versions, Map<String, String> paymentDays) {
    this(fingerprint, versions, false, paymentDays);
  }

  /**
   * The first date of payment whose paid rows differ between this state and {@code now} (null:
   * none), or the first of all of them when this state kept none.
   */
  java.time.LocalDate firstChangedPaymentDay(Map<String, String> now) {
    java.util.SortedSet<String> changed = new java.util.TreeSet<>();
    Map<String, String> before = paymentDays == null ? Map.of() : paymentDays;
    for (String day : union(before.keySet(), now.keySet())) {
      if (!java.util.Objects.equals(before.get(day), now.get(day))) {
        changed.add(day);
      }
    }
    return changed.isEmpty() ? null : java.time.LocalDate.parse(changed.first());
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
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
        Map<String, String> paymentDays = null;
        if (root.has("payment_days")) {
          Map<String, String> days = new TreeMap<>();
          root.path("payment_days").fields().forEachRemaining(e -> days.put(e.getKey(), e.getValue().asText()));
          paymentDays = days;
        }
        // Lakes before the hash kept the description itself: read either, write the hash.
        return new AggregateState(fingerprint, versions, fingerprint.matches("[0-9a-f]{64}"), paymentDays);
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
    if (paymentDays != null) {
      ObjectNode days = root.putObject("payment_days");
      paymentDays.forEach(days::put);
    }
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

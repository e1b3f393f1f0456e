package io.conversa.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conversa.common.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The keys a lake was built with, as check values ({@link Key#checkValue()}; never a key), in
 * {@code <lake>/_conversa/keys.json}. A run whose key ring holds none of them would pseudonymise
 * every person anew and split each in two: it is refused before it reads a line. A ring that
 * holds a known key and a new primary (a rotation) is accepted and its primary recorded.
 */
public final class LakeKeys {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LakeKeys() {}

  static Path location(String lakeRoot) {
    return new Path(lakeRoot + "/_conversa/keys.json");
  }

  /** Refuses (exit 2) a ring that holds none of the lake's keys; records a new primary. */
  public static void verify(SparkSession spark, String lakeRoot, KeyRing ring) {
    Path path = location(lakeRoot);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Map<String, String> known = fs.exists(path) ? read(fs, path) : new LinkedHashMap<>();
      Key primary = ring.primary();
      if (!known.isEmpty()) {
        boolean anyKnown = ring.keys().stream().anyMatch(k -> k.checkValue().equals(known.get(k.id())));
        if (!anyKnown) {
          throw Errors.usage("the key ring (keys " + ids(ring.keys()) + ") holds none of the keys lake " + lakeRoot
                  + " was built with (" + String.join(", ", known.keySet()) + "): every person would get a second pseudonym.",
              "pass the lake's key file (--key-file or CONVERSA_KEY); to rotate, put the new key's line first and keep the old"
                  + " lines (`conversa keygen --help`).");
        }
        String recorded = known.get(primary.id());
        if (recorded != null && !recorded.equals(primary.checkValue())) {
          throw Errors.usage("key " + primary.id() + " of the ring is not the key lake " + lakeRoot + " knows as " + primary.id() + ".",
              "give a new key a new id (`conversa keygen` makes unique ones).");
        }
      }
      if (!primary.checkValue().equals(known.get(primary.id()))) {
        known.put(primary.id(), primary.checkValue());
        write(fs, path, known);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
  }

  private static String ids(List<Key> keys) {
    return String.join(", ", keys.stream().map(Key::id).toList());
  }

  private static Map<String, String> read(FileSystem fs, Path path) throws IOException {
    Map<String, String> known = new LinkedHashMap<>();
    try (InputStream in = fs.open(path)) {
      for (JsonNode key : JSON.readTree(in).path("keys")) {
        known.put(key.path("id").asText(), key.path("check").asText());
      }
    }
    return known;
  }

  private static void write(FileSystem fs, Path path, Map<String, String> known) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("about", "check values of the keys this lake was built with (HMAC of a label, not the keys)");
    root.put("updated_at", Instant.now().toString());
    ArrayNode keys = root.putArray("keys");
    known.forEach((id, check) -> keys.addObject().put("id", id).put("check", check));
    try (OutputStream out = fs.create(path, true)) {
      out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }
  }
}

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
 *
 * <p>The file also names the pseudonym scheme: a lake built when one pseudonym served every
 * business (before {@value #SCHEME}) cannot take new events without splitting each person, so it
 * is refused with the way to rebuild it.
 */
public final class LakeKeys {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** People pseudonymised per business (WABA), message ids alike for all. */
  static final String SCHEME = "per-business-1";

  private LakeKeys() {}

  static Path location(String lakeRoot) {
    return new Path(lakeRoot + "/_conversa/keys.json");
  }

  /** Refuses (exit 2) a ring that holds none of the lake's keys; records a new primary. */
  public static void verify(SparkSession spark, String lakeRoot, KeyRing ring) {
    Path path = location(lakeRoot);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Map<String, String> known = new LinkedHashMap<>();
      String scheme = fs.exists(path) ? read(fs, path, known) : builtBefore(fs, lakeRoot);
      if (scheme != null && !SCHEME.equals(scheme)) {
        throw Errors.usage("lake " + lakeRoot + " was built by an earlier conversa, which gave a person one pseudonym for every business;"
                + " this version gives each business (WABA) its own, and new events would split every person in two.",
            "rebuild it from the logs into a new lake: `conversa run --input LOGS --lake NEW_LAKE ...` (README, Upgrading a lake; for the demo: `bin/conversa demo --lake NEW_FOLDER`).");
      }
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

  /** Fills {@code known} with the recorded check values; answers the recorded scheme ("" when none was recorded). */
  private static String read(FileSystem fs, Path path, Map<String, String> known) throws IOException {
    try (InputStream in = fs.open(path)) {
      JsonNode root = JSON.readTree(in);
      for (JsonNode key : root.path("keys")) {
        known.put(key.path("id").asText(), key.path("check").asText());
      }
      return root.path("pseudonyms").asText("");
    }
  }

  /** "" for a lake with bronze but no key record (built before keys were recorded); null for a new lake. */
  private static String builtBefore(FileSystem fs, String lakeRoot) throws IOException {
    return fs.exists(new Path(lakeRoot + "/bronze/webhook_events/_delta_log")) ? "" : null;
  }

  private static void write(FileSystem fs, Path path, Map<String, String> known) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("about", "check values of the keys this lake was built with (HMAC of a label, not the keys)");
    root.put("updated_at", Instant.now().toString());
    root.put("pseudonyms", SCHEME);
    ArrayNode keys = root.putArray("keys");
    known.forEach((id, check) -> keys.addObject().put("id", id).put("check", check));
    try (OutputStream out = fs.create(path, true)) {
      out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }
  }
}

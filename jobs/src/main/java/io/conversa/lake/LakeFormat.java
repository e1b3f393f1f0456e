package io.conversa.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conversa.common.Errors;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * The lake's format version, in {@code <lake>/_conversa/format.json}. Every command that writes
 * a lake brings an older one to {@link #CURRENT} before it starts (columns added since, the
 * schema files' table properties and comments) and refuses a newer one: an older conversa
 * would write it with rules it does not know.
 *
 * <p>Formats: 1, every lake before the format was recorded; 2, schema files' properties and
 * comments applied to existing tables, key-rotation links and the erasure ledger possible; 3,
 * cost columns in gold (cost, cost_currency, cost per delivered message and per conversion,
 * return on spend); 4, templates: silver's {@code template} columns and gold.template_funnel.
 */
public final class LakeFormat {
  public static final int CURRENT = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private LakeFormat() {}

  static Path location(String lakeRoot) {
    return new Path(lakeRoot + "/_conversa/format.json");
  }

  /**
   * Migrates an older lake to {@link #CURRENT}, records it for a new one; exit 2 for a newer one.
   *
   * @param tables every table of the lake (gold's from its registry)
   */
  public static void bringUpToDate(SparkSession spark, String lakeRoot, Consumer<String> progress, List<TableSchema> tables) {
    Lake lake = new Lake(spark, lakeRoot);
    Path path = location(lake.root());
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      boolean recorded = fs.exists(path);
      if (recorded && read(fs, path) == CURRENT) {
        return; // the common case: one small read
      }
      List<TableSchema> existing = new ArrayList<>();
      for (TableSchema table : allTables(tables)) {
        if (lake.exists(table)) {
          existing.add(table);
        }
      }
      int format = recorded ? read(fs, path) : existing.isEmpty() ? CURRENT : 1;
      if (format > CURRENT) {
        throw Errors.usage("lake " + lake.root() + " was written by a newer conversa (lake format " + format + "; this conversa writes format "
                + CURRENT + "): writing it with older rules could break what the newer one built.",
            "run the conversa that wrote it, or a newer one (`conversa --version` shows this one's).");
      }
      if (format < CURRENT) {
        long started = System.nanoTime();
        int changes = 0;
        for (TableSchema table : existing) {
          changes += migrate(lake, table);
        }
        progress.accept(String.format(java.util.Locale.ROOT, "lake: brought from format %d to %d: %d changes to %d tables (%.1f s)",
            format, CURRENT, changes, existing.size(), (System.nanoTime() - started) / 1e9));
      }
      write(fs, path);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
  }

  private static List<TableSchema> allTables(List<TableSchema> lakeTables) {
    List<TableSchema> tables = new ArrayList<>(lakeTables);
    tables.addAll(TableSchemas.internal());
    return tables;
  }

  /** Columns, table properties and comments as the schema file says; answers the changes made. */
  static int migrate(Lake lake, TableSchema table) {
    SparkSession spark = lake.spark();
    String quoted = lake.sqlName(table);
    lake.table(table); // adds the columns added since
    int changes = 0;
    for (var wanted : table.properties().entrySet()) {
      changes += lake.setProperty(table, wanted.getKey(), wanted.getValue()) ? 1 : 0;
    }
    String description = io.delta.tables.DeltaTable.forPath(spark, lake.path(table)).detail().first().getAs("description");
    if (!table.comment().equals(description)) {
      spark.sql("COMMENT ON TABLE " + quoted + " IS " + literal(table.comment()));
      changes++;
    }
    Map<String, StructField> stored = new java.util.HashMap<>();
    for (StructField field : lake.read(table).schema().fields()) {
      stored.put(field.name(), field);
    }
    for (StructField field : table.schema().fields()) {
      String comment = field.getComment().isDefined() ? field.getComment().get() : null;
      StructField current = stored.get(field.name());
      if (comment != null && current != null && !comment.equals(current.getComment().isDefined() ? current.getComment().get() : null)) {
        spark.sql("ALTER TABLE " + quoted + " ALTER COLUMN `" + field.name() + "` COMMENT " + literal(comment));
        changes++;
      }
    }
    return changes;
  }

  private static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static int read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      JsonNode root = JSON.readTree(in);
      return root.path("format").asInt(1);
    }
  }

  private static void write(FileSystem fs, Path path) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("about", "the lake's format version: a conversa that knows an older format refuses to write this lake");
    root.put("format", CURRENT);
    root.put("updated_at", Instant.now().toString());
    try (OutputStream out = fs.create(path, true)) {
      out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }
  }
}

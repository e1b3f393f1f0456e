package io.conversa.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Reads table definitions from {@code schemas/tables/} on the classpath. */
public final class TableSchemas {
  public static final TableSchema WEBHOOK_EVENTS = load("bronze", "webhook_events");
  public static final TableSchema QUARANTINE = load("bronze", "quarantine");
  public static final TableSchema INGESTED_FILES = load("bronze", "ingested_files");

  private TableSchemas() {}

  /** Every table conversa writes, in pipeline order. */
  public static List<TableSchema> all() {
    return List.of(WEBHOOK_EVENTS, QUARANTINE, INGESTED_FILES);
  }

  static TableSchema load(String layer, String name) {
    String resource = "/schemas/tables/" + layer + "/" + name + ".json";
    try (InputStream in = TableSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return parse(layer, name, new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }

  private static TableSchema parse(String layer, String name, JsonNode definition) {
    List<StructField> fields = new ArrayList<>();
    for (JsonNode column : definition.path("columns")) {
      Metadata comment = new MetadataBuilder().putString("comment", column.path("comment").asText()).build();
      fields.add(
          new StructField(
              column.path("name").asText(),
              DataType.fromDDL(column.path("type").asText()),
              column.path("nullable").asBoolean(true),
              comment));
    }
    List<String> partitions = new ArrayList<>();
    definition.path("partitioned_by").forEach(p -> partitions.add(p.asText()));
    java.util.Map<String, String> properties = new java.util.TreeMap<>();
    definition.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
    return new TableSchema(
        layer, name, definition.path("comment").asText(), List.copyOf(partitions), java.util.Map.copyOf(properties),
        new StructType(fields.toArray(new StructField[0])));
  }
}

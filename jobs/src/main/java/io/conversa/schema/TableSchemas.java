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
  public static final TableSchema MESSAGES = load("silver", "messages");
  public static final TableSchema STATUSES = load("silver", "statuses");
  public static final TableSchema OUTBOUND_MESSAGES = load("silver", "outbound_messages");
  public static final TableSchema CONVERSIONS = load("silver", "conversions");
  public static final TableSchema USER_LINKS = load("silver", "user_links");
  private static final java.util.Map<String, TableSchema> GOLD = new java.util.concurrent.ConcurrentHashMap<>();
  // The gold tables of figures are declared in io.conversa.aggregate.GoldTables; these name the
  // ones other stages read by name (reports, tests).
  public static final TableSchema CAMPAIGN_FUNNEL = gold("campaign_funnel");
  public static final TableSchema TEMPLATE_FUNNEL = gold("template_funnel");
  public static final TableSchema NUMBER_FUNNEL = gold("number_funnel");
  public static final TableSchema CONVERSATIONS = gold("conversations");
  public static final TableSchema AD_REFERRALS = gold("ad_referrals");
  public static final TableSchema QUALITY_CHECKS = load("gold", "quality_checks");
  public static final TableSchema RELEASES = load("gold", "releases");
  /** The erasure ledger: conversa's own, beside the lake's tables, never registered for analysts. */
  public static final TableSchema ERASED_PEOPLE = load("_conversa", "erased_people");
  public static final TableSchema ERASED_LINES = load("_conversa", "erased_lines");
  public static final TableSchema PSEUDONYM_LINKS = load("_conversa", "pseudonym_links");

  /** Column metadata key of a generated column's SQL expression (as in the schema files). */
  public static final String GENERATED_AS = "generated_as";

  private TableSchemas() {}

  /** The bronze and silver tables, in pipeline order; gold's are listed by its registry. */
  public static List<TableSchema> bronzeAndSilver() {
    return List.of(WEBHOOK_EVENTS, QUARANTINE, INGESTED_FILES, MESSAGES, STATUSES, OUTBOUND_MESSAGES, CONVERSIONS, USER_LINKS);
  }

  /** The bronze or silver tables of {@code layer}. */
  public static List<TableSchema> ofLayer(String layer) {
    return bronzeAndSilver().stream().filter(t -> t.layer().equals(layer)).toList();
  }

  /** The gold table of that name, from its schema file (each loaded once). */
  public static TableSchema gold(String name) {
    return GOLD.computeIfAbsent(name, n -> load("gold", n));
  }

  /** conversa's own tables under {@code _conversa/}, never registered for analysts. */
  public static List<TableSchema> internal() {
    return List.of(ERASED_PEOPLE, ERASED_LINES, PSEUDONYM_LINKS);
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
      MetadataBuilder metadata = new MetadataBuilder().putString("comment", column.path("comment").asText());
      if (column.hasNonNull(GENERATED_AS)) {
        metadata.putString(GENERATED_AS, column.path(GENERATED_AS).asText());
      }
      Metadata comment = metadata.build();
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

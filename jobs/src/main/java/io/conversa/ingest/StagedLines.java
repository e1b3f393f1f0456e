package io.conversa.ingest;

import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schema of classified lines: {@code kind} plus the union of the bronze.webhook_events and
 * bronze.quarantine columns, every one nullable. Derived from the table schemas, never retyped.
 */
public final class StagedLines implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String KIND = "kind";
  /** Unique per line of a run: file position in the run's sorted file list, then byte offset. */
  public static final String LINE_KEY = "line_key";
  /** Key-rotation links made while scrubbing the line: (pseudonym, stable_pseudonym) pairs, or null. */
  public static final String PSEUDONYM_LINKS = "pseudonym_links";
  public static final String KIND_EVENT = "event";
  public static final String KIND_QUARANTINED = "quarantined";
  public static final StagedLines SCHEMA = new StagedLines();

  private final StructType schema;
  private final Map<String, Integer> index = new HashMap<>();

  private StagedLines() {
    Map<String, StructField> fields = new LinkedHashMap<>();
    fields.put(KIND, DataTypes.createStructField(KIND, DataTypes.StringType, false));
    fields.put(LINE_KEY, DataTypes.createStructField(LINE_KEY, DataTypes.LongType, false));
    for (TableSchema table : new TableSchema[] {TableSchemas.WEBHOOK_EVENTS, TableSchemas.QUARANTINE}) {
      for (StructField field : table.schema().fields()) {
        fields.putIfAbsent(field.name(), new StructField(field.name(), field.dataType(), true, field.metadata()));
      }
    }
    fields.put(PSEUDONYM_LINKS, DataTypes.createStructField(PSEUDONYM_LINKS,
        DataTypes.createArrayType(DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("pseudonym", DataTypes.StringType, false),
            DataTypes.createStructField("stable_pseudonym", DataTypes.StringType, false)})),
        true));
    schema = new StructType(fields.values().toArray(new StructField[0]));
    String[] names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      index.put(names[i], i);
    }
  }

  public StructType schema() {
    return schema;
  }

  /** Position of a column in a staged row; fails fast when a table schema renamed it. */
  public int indexOf(String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw new IllegalStateException("staged lines have no column " + column + ": schemas/tables changed?");
    }
    return i;
  }

  public int width() {
    return schema.size();
  }
}

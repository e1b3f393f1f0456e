package io.conversa.schema;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * A table as {@code schemas/tables/<layer>/<name>.json} defines it: the one place its columns,
 * types and comments are written.
 */
public record TableSchema(
    String layer, String name, String comment, List<String> partitionedBy, java.util.Map<String, String> properties, StructType schema) {

  /** {@code layer.name}, as registered in the session catalog. */
  public String qualifiedName() {
    return layer + "." + name;
  }

  public String[] columnNames() {
    return schema.fieldNames();
  }
}

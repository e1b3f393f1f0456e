package io.conversa.lake;

import io.conversa.common.Errors;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/** A lake root: each table is a Delta table at {@code <root>/<layer>/<table>}. */
public final class Lake {
  private final SparkSession spark;
  private final String root;

  public Lake(SparkSession spark, String root) {
    this.spark = spark;
    this.root = qualified(spark, root);
  }

  /** {@code lake} becomes {@code file:/abs/lake}: Delta needs absolute table locations. */
  private static String qualified(SparkSession spark, String root) {
    Path path = new Path(root);
    try {
      String uri = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path).toString();
      return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    } catch (IOException e) {
      throw Errors.usage("lake " + root + " is not reachable: " + e.getClass().getSimpleName() + ".", "check --lake and the file system's credentials.");
    }
  }

  public String root() {
    return root;
  }

  public SparkSession spark() {
    return spark;
  }

  public String path(TableSchema table) {
    return root + "/" + table.layer() + "/" + table.name();
  }

  /** The table as Spark SQL names a Delta table by its path: {@code delta.`<path>`}. */
  public String sqlName(TableSchema table) {
    return sqlName(path(table));
  }

  public static String sqlName(String path) {
    return "delta.`" + path.replace("`", "``") + "`";
  }

  /** The table properties Delta holds for {@code table} now. */
  public java.util.Map<String, String> storedProperties(TableSchema table) {
    return scala.collection.JavaConverters.mapAsJavaMap(
        DeltaTable.forPath(spark, path(table)).detail().first().<scala.collection.Map<String, String>>getAs("properties"));
  }

  /** Sets a table property unless it holds that value already (each change is a commit); answers whether it changed. */
  public boolean setProperty(TableSchema table, String key, String value) {
    if (value.equals(storedProperties(table).get(key))) {
      return false;
    }
    spark.sql("ALTER TABLE " + sqlName(table) + " SET TBLPROPERTIES ('" + key.replace("'", "\\'") + "' = '" + value.replace("'", "\\'") + "')");
    return true;
  }

  public boolean exists(TableSchema table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /** The table, created empty with its comments and layout the first time it is asked for. */
  public DeltaTable table(TableSchema table) {
    if (!exists(table)) {
      DeltaTableBuilder builder =
          DeltaTable.createIfNotExists(spark)
              .location(path(table))
              .comment(table.comment())
              .property("delta.autoOptimize.autoCompact", "true");
      for (var property : table.properties().entrySet()) {
        builder = builder.property(property.getKey(), property.getValue());
      }
      for (StructField field : table.schema().fields()) {
        builder = builder.addColumn(column(field));
      }
      if (!table.partitionedBy().isEmpty()) {
        builder = builder.partitionedBy(table.partitionedBy().toArray(new String[0]));
      }
      builder.execute();
      return DeltaTable.forPath(spark, path(table));
    }
    DeltaTable existing = DeltaTable.forPath(spark, path(table));
    return addMissingColumns(table, existing) ? DeltaTable.forPath(spark, path(table)) : existing;
  }

  /**
   * A lake built by an earlier version lacks the columns added since: they are added (null in
   * the rows before), by an empty append that merges the schema. A missing column that may not
   * be null cannot be made up for old rows: the message says how to rebuild.
   */
  private boolean addMissingColumns(TableSchema table, DeltaTable existing) {
    java.util.Set<String> present = new java.util.HashSet<>(java.util.Arrays.asList(existing.toDF().schema().fieldNames()));
    java.util.List<String> missing = new java.util.ArrayList<>();
    for (StructField field : table.schema().fields()) {
      if (!present.contains(field.name())) {
        if (!field.nullable()) {
          throw Errors.usage(
              table.qualifiedName() + " at " + path(table) + " has no column " + field.name() + ", which this version of conversa needs for every row.",
              "rebuild that layer from bronze (delete the table's folder, then run refine or aggregate --full).");
        }
        missing.add(field.name());
      }
    }
    if (missing.isEmpty()) {
      return false;
    }
    spark.createDataFrame(java.util.List.of(), table.schema())
        .write()
        .format("delta")
        .mode("append")
        .option("mergeSchema", "true")
        .save(path(table));
    return true;
  }

  /** A column as Delta builds it: a generated column carries its expression. */
  private StructField column(StructField field) {
    if (!field.metadata().contains(TableSchemas.GENERATED_AS)) {
      return field;
    }
    return DeltaTable.columnBuilder(spark, field.name())
        .dataType(field.dataType())
        .nullable(field.nullable())
        .comment(field.metadata().getString("comment"))
        .generatedAlwaysAs(field.metadata().getString(TableSchemas.GENERATED_AS))
        .build();
  }

  public Dataset<Row> read(TableSchema table) {
    return table(table).toDF();
  }
}

package io.conversa.lake;

import io.conversa.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Registers the lake's tables in the session catalog as {@code bronze.*}, {@code silver.*}, {@code gold.*}. */
public final class LakeCatalog {
  private LakeCatalog() {}

  /**
   * The statements that register every existing table of the lake in a metastore, e.g. a
   * cluster's Hive metastore or a Unity Catalog {@code catalog} (null for the session default).
   * Delta keeps each table's schema and comments in its log, so a location is all it needs.
   */
  public static List<String> ddl(Lake lake, String catalog, List<TableSchema> tables) {
    String prefix = catalog == null || catalog.isBlank() ? "" : quote(catalog) + ".";
    List<String> statements = new ArrayList<>();
    java.util.Set<String> databases = new java.util.LinkedHashSet<>();
    for (TableSchema table : tables) {
      if (lake.exists(table) && databases.add(table.layer())) {
        statements.add("CREATE DATABASE IF NOT EXISTS " + prefix + quote(table.layer()));
      }
    }
    for (TableSchema table : tables) {
      if (lake.exists(table)) {
        statements.add("CREATE TABLE IF NOT EXISTS " + prefix + quote(table.layer()) + "." + quote(table.name())
            + " USING DELTA LOCATION '" + lake.path(table).replace("'", "\\'") + "'");
      }
    }
    return statements;
  }

  /** Where the session's table of this name points; empty when that cannot be read. */
  private static String registeredAt(SparkSession spark, TableSchema table) {
    try {
      var metadata = spark.sessionState().catalog().getTableMetadata(
          new org.apache.spark.sql.catalyst.TableIdentifier(table.name(), scala.Option.apply(table.layer())));
      String location = metadata.location().toString();
      return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    } catch (Exception unreadable) {
      return "";
    }
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /** Registers every table of {@code tables} that exists in the lake; answers their qualified names. */
  public static List<String> register(Lake lake, List<TableSchema> tables) {
    SparkSession spark = lake.spark();
    List<String> registered = new ArrayList<>();
    for (TableSchema table : tables) {
      if (!lake.exists(table)) {
        continue;
      }
      if (!spark.catalog().databaseExists(table.layer())) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + table.layer());
      }
      if (spark.catalog().tableExists(table.qualifiedName()) && !registeredAt(spark, table).equals(lake.path(table))) {
        // The session registered another lake's table under this name: an external table, so
        // dropping it forgets the name and leaves that lake's files alone.
        spark.sql("DROP TABLE " + table.qualifiedName());
      }
      if (!spark.catalog().tableExists(table.qualifiedName())) {
        spark.catalog().createTable(table.qualifiedName(), lake.path(table), "delta");
      }
      registered.add(table.qualifiedName());
    }
    return registered;
  }
}

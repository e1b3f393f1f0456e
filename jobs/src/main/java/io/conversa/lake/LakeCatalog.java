package io.conversa.lake;

import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Registers the lake's tables in the session catalog as {@code bronze.*}, {@code silver.*}, {@code gold.*}. */
public final class LakeCatalog {
  private LakeCatalog() {}

  /** Registers every table that exists in the lake; answers their qualified names. */
  public static List<String> register(Lake lake) {
    SparkSession spark = lake.spark();
    List<String> registered = new ArrayList<>();
    for (TableSchema table : TableSchemas.all()) {
      if (!lake.exists(table)) {
        continue;
      }
      if (!spark.catalog().databaseExists(table.layer())) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + table.layer());
      }
      if (!spark.catalog().tableExists(table.qualifiedName())) {
        spark.catalog().createTable(table.qualifiedName(), lake.path(table), "delta");
      }
      registered.add(table.qualifiedName());
    }
    return registered;
  }
}

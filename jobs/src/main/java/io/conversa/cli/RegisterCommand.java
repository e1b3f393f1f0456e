package io.conversa.cli;

import io.conversa.lake.Lake;
import io.conversa.lake.LakeCatalog;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the SQL that registers the lake's tables as bronze.*, silver.*, gold.* in a metastore",
      "(Hive metastore, Unity Catalog, Glue), or runs it with --execute in this Spark session's catalog.",
      "Schemas and comments come from the Delta tables themselves."
    })
final class RegisterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;

  @Option(names = "--lake", defaultValue = "lake", paramLabel = "URI", description = "Lake root, as the metastore's readers will reach it (default: ${DEFAULT-VALUE}).")
  String lake;

  @Option(names = "--catalog", paramLabel = "NAME", description = "Catalog to register in (e.g. a Unity Catalog name); default: the session's catalog.")
  String catalog;

  @Option(names = "--execute", description = "Run the statements in this session's catalog instead of printing them.")
  boolean execute;

  @Option(names = "--analysts", paramLabel = "GROUP", description = {
      "Also print the grants that let GROUP read gold and nothing else (Unity Catalog / Databricks SQL syntax):",
      "bronze and silver hold pseudonymised events, which only the pipeline's own principal should read."})
  String analysts;

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  @Override
  public Integer call() {
    Console console = new Console(spec);
    SparkSession session = spark.session("register");
    List<String> statements = LakeCatalog.ddl(new Lake(session, lake), catalog, io.conversa.aggregate.GoldTables.lakeTables());
    if (statements.isEmpty()) {
      console.progress("register: lake " + lake + " has no tables yet; run `conversa run` first");
    }
    for (String statement : statements) {
      if (execute) {
        session.sql(statement);
      } else {
        console.out().println(statement + ";");
      }
    }
    if (analysts != null) {
      // Printed, never executed: grants belong to whoever administers the metastore.
      String schema = (catalog == null ? "" : quote(catalog) + ".") + "gold";
      String group = quote(analysts);
      console.out().println("GRANT USE SCHEMA ON SCHEMA " + schema + " TO " + group + ";");
      console.out().println("GRANT SELECT ON SCHEMA " + schema + " TO " + group + ";");
      for (String layer : List.of("bronze", "silver")) {
        console.out().println("REVOKE ALL PRIVILEGES ON SCHEMA " + (catalog == null ? "" : quote(catalog) + ".") + layer + " FROM " + group + ";");
      }
      console.out().flush();
    }
    if (execute) {
      console.result("register: " + statements.size() + " statements run in catalog " + (catalog == null ? session.catalog().currentCatalog() : catalog));
    } else {
      console.out().flush();
      console.progress("register: " + statements.size() + " statements printed; run them on your cluster, or pass --execute");
    }
    return 0;
  }
}

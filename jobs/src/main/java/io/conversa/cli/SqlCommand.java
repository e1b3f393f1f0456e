package io.conversa.cli;

import io.conversa.common.Errors;
import io.conversa.lake.Lake;
import io.conversa.lake.LakeCatalog;
import io.conversa.lake.TaskErrorLogs;
import io.conversa.sql.ReadOnlySql;
import io.conversa.sql.ResultFormat;
import io.conversa.sql.ResultPrinter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Runs read-only Spark SQL over the lake's tables (bronze.*, silver.*, gold.*): SELECT, SHOW, DESCRIBE, EXPLAIN.",
      "No statement may change a table, read a file, name another table or call Java (reflect, java_method): such",
      "a statement is refused with its reason (exit 2). Needs no key.",
      "With -e runs the statements given; without, reads statements ending in ';' from standard input."
    })
final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SparkOptions spark;

  @Mixin LakeOption lakeOption;

  @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "Statement to run; repeat for several.")
  List<String> statements;

  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--max-rows", defaultValue = "1000", paramLabel = "N", description = "Rows the table format shows at most (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Override
  public Integer call() {
    ResultFormat resultFormat = parseFormat();
    Console console = new Console(spec);
    // A session of its own: the lock-down (no SQL on files, no reflection) must not outlive this
    // command in a JVM that runs others (tests, notebooks); tables live in the shared catalog.
    SparkSession session = spark.session("sql").newSession();
    List<String> tables = LakeCatalog.register(new Lake(session, lakeOption.root), io.conversa.aggregate.GoldTables.lakeTables());
    ReadOnlySql.lockDown(session);
    TaskErrorLogs.silence();
    ReadOnlySql readOnly = new ReadOnlySql(tables);
    if (tables.isEmpty()) {
      console.progress("sql: no tables in lake " + lakeOption.root + " yet (run `conversa ingest` first)");
    }
    ResultPrinter printer = new ResultPrinter(console.out(), maxRows);
    long started = System.nanoTime();
    int ran = 0;
    long rows = 0;
    if (statements != null) {
      for (String statement : statements) {
        if (ran > 0 && resultFormat != ResultFormat.TABLE) {
          // CSV and JSON lines of two statements would run together: an empty line parts them.
          console.out().println();
        }
        rows += run(session, readOnly, printer, statement, resultFormat);
        ran++;
      }
    } else {
      console.progress("sql: tables " + tables + "; end each statement with ';' (Ctrl-D quits)");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String statement = nextStatement(in); statement != null; statement = nextStatement(in)) {
        try {
          rows += run(session, readOnly, printer, statement, resultFormat);
        } catch (RuntimeException e) {
          // A refused or failed statement ends that statement, never the session.
          console.progress(e instanceof io.conversa.common.ConversaException ? e.getMessage()
              : "the statement failed (" + e.getClass().getSimpleName() + "); the session goes on.");
        }
        ran++;
      }
    }
    console.progress(String.format(java.util.Locale.ROOT, "sql: %d statement(s), %,d rows in %.1f s", ran, rows, (System.nanoTime() - started) / 1e9));
    return 0;
  }

  private long run(SparkSession session, ReadOnlySql readOnly, ResultPrinter printer, String statement, ResultFormat resultFormat) {
    return readOnly.run(session, statement, result -> printer.print(result, resultFormat));
  }

  private ResultFormat parseFormat() {
    try {
      return ResultFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Errors.usage("--format takes table, csv or json.", "use --format table, csv or json.");
    }
  }

  /** The next statement up to a line ending in ';', or null at the end of input. */
  private static String nextStatement(BufferedReader in) {
    try {
      StringBuilder statement = new StringBuilder();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        statement.append(line).append('\n');
        String text = statement.toString().strip();
        if (text.endsWith(";")) {
          String sql = text.substring(0, text.length() - 1).strip();
          if (!sql.isEmpty()) {
            return sql;
          }
          statement.setLength(0);
        }
      }
      String rest = statement.toString().strip();
      return rest.isEmpty() ? null : rest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.conversa.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The single-machine reference of the benchmark: DuckDB, in process through JDBC, computes the
 * campaign funnel straight from the raw log files ({@code bench/duckdb-campaign-funnel.sql}).
 * The driver is looked up by URL only, so DuckDB stays out of the code that ships.
 */
final class DuckDbFunnel {
  static final String SCRIPT = "bench/duckdb-campaign-funnel.sql";

  /** One campaign funnel row as DuckDB computed it. */
  record Row(String client, String campaign, String sendDate, long users, long sent, long delivered, long read, long failed,
      long replied, long clicked, long converted) {
    String key() {
      return client + "|" + campaign + "|" + sendDate;
    }
  }

  record Result(double seconds, List<Row> rows) {}

  private DuckDbFunnel() {}

  /**
   * @param logs the folder of log files ({@code *.jsonl} and {@code *.jsonl.gz})
   * @param scratch where DuckDB may spill
   */
  static Result run(Path logs, Path scratch, int threads) {
    List<String> statements = statements(script(), fileList(logs));
    long start = System.nanoTime();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      Files.createDirectories(scratch);
      statement.execute("SET threads = " + threads);
      statement.execute("SET temp_directory = '" + scratch.toAbsolutePath() + "'");
      statement.execute("SET preserve_insertion_order = false");
      for (String sql : statements.subList(0, statements.size() - 1)) {
        statement.execute(sql);
      }
      List<Row> rows = new ArrayList<>();
      try (ResultSet r = statement.executeQuery(statements.get(statements.size() - 1))) {
        while (r.next()) {
          rows.add(new Row(r.getString("client"), r.getString("campaign"), r.getString("send_date"), r.getLong("users"),
              r.getLong("sent"), r.getLong("delivered"), r.getLong("read"), r.getLong("failed"), r.getLong("replied"),
              r.getLong("clicked"), r.getLong("converted")));
        }
      }
      return new Result((System.nanoTime() - start) / 1e9, rows);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed on " + logs + " with " + errorType(e)
          + "; bin/conversa puts org.duckdb:duckdb_jdbc on the class path, spark-submit's jar does not", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Only the kind of a DuckDB error ("Conversion Error", "No suitable driver"): its message can
   * quote a value of the raw logs, phone numbers included, and the message is printed.
   */
  static String errorType(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int colon = message.indexOf(':');
    return colon > 0 && colon <= 40 ? message.substring(0, colon) : e.getClass().getSimpleName();
  }

  /** The script's statements, comments dropped, with the file list in place of {@code {files}}. */
  static List<String> statements(String script, String files) {
    String code = script.lines().filter(line -> !line.stripLeading().startsWith("--")).collect(Collectors.joining("\n"));
    List<String> statements = new ArrayList<>();
    for (String sql : code.split(";\\s*(\\n|$)")) {
      if (!sql.isBlank()) {
        statements.add(sql.replace("{files}", files).strip());
      }
    }
    return statements;
  }

  /** A DuckDB list literal of every log file under the folder, the way ingest finds them. */
  static String fileList(Path logs) {
    try (Stream<Path> paths = Files.walk(logs)) {
      List<String> files = paths
          .filter(p -> Files.isRegularFile(p) && visible(logs.relativize(p)))
          .map(p -> "'" + p.toAbsolutePath().toString().replace("'", "''") + "'")
          .sorted()
          .toList();
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no log files under " + logs);
      }
      return "[" + String.join(", ", files) + "]";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Spark's file sources skip names that start with an underscore or a dot; so does ingest. */
  private static boolean visible(Path relative) {
    for (Path name : relative) {
      if (name.toString().startsWith("_") || name.toString().startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  private static String script() {
    try (InputStream in = DuckDbFunnel.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.conversa.sql;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Prints a query result. CSV and JSON stream every row (RFC 4180 CSV with a header; JSON lines);
 * the table form reads at most {@code tableLimit} rows, since it must measure them first.
 */
public final class ResultPrinter {
  private final PrintWriter out;
  private final int tableLimit;

  public ResultPrinter(PrintWriter out, int tableLimit) {
    this.out = out;
    this.tableLimit = tableLimit;
  }

  /** Prints and answers the number of rows printed. */
  public long print(Dataset<Row> result, ResultFormat format) {
    return switch (format) {
      case CSV -> csv(result);
      case JSON -> json(result);
      case TABLE -> table(result);
    };
  }

  private long csv(Dataset<Row> result) {
    String[] columns = result.columns();
    out.println(csvLine(List.of(columns)));
    long rows = 0;
    for (Iterator<Row> it = nestedAsJson(result).toLocalIterator(); it.hasNext(); rows++) {
      out.println(csvLine(cells(it.next())));
    }
    out.flush();
    return rows;
  }

  private long json(Dataset<Row> result) {
    long rows = 0;
    // A null stays in the row as null: an analyst's reader should not have to guess a column.
    Dataset<String> lines = result.select(org.apache.spark.sql.functions.to_json(
            org.apache.spark.sql.functions.struct(java.util.Arrays.stream(result.columns()).map(c -> result.col("`" + c.replace("`", "``") + "`")).toArray(org.apache.spark.sql.Column[]::new)),
            java.util.Map.of("ignoreNullFields", "false")))
        .as(org.apache.spark.sql.Encoders.STRING());
    for (Iterator<String> it = lines.toLocalIterator(); it.hasNext(); rows++) {
      out.println(it.next());
    }
    out.flush();
    return rows;
  }

  private long table(Dataset<Row> result) {
    String[] columns = result.columns();
    List<Row> rows = nestedAsJson(result).limit(tableLimit + 1).collectAsList();
    boolean more = rows.size() > tableLimit;
    List<List<String>> cells = new ArrayList<>();
    int[] widths = new int[columns.length];
    for (int c = 0; c < columns.length; c++) {
      widths[c] = columns[c].length();
    }
    for (Row row : rows.subList(0, Math.min(rows.size(), tableLimit))) {
      List<String> line = cells(row);
      for (int c = 0; c < columns.length; c++) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
      cells.add(line);
    }
    String rule = rule(widths);
    out.println(rule);
    out.println(tableLine(List.of(columns), widths));
    out.println(rule);
    for (List<String> line : cells) {
      out.println(tableLine(line, widths));
    }
    out.println(rule);
    out.println(cells.size() + (more ? "+ rows (first " + tableLimit + " shown; use --format csv for all)" : cells.size() == 1 ? " row" : " rows"));
    out.flush();
    return cells.size();
  }

  /**
   * Arrays, maps and structs as JSON text (["a","b"], {"k":1}), which every reader of a CSV
   * can parse: Scala's own strings (WrappedArray(...), Map(...)) are for nobody.
   */
  static Dataset<Row> nestedAsJson(Dataset<Row> result) {
    org.apache.spark.sql.types.StructField[] fields = result.schema().fields();
    boolean nested = java.util.Arrays.stream(fields).anyMatch(f -> isNested(f.dataType()));
    if (!nested) {
      return result;
    }
    org.apache.spark.sql.Column[] columns = new org.apache.spark.sql.Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      org.apache.spark.sql.Column column = result.col("`" + fields[i].name().replace("`", "``") + "`");
      columns[i] = isNested(fields[i].dataType())
          ? org.apache.spark.sql.functions.to_json(column, java.util.Map.of("ignoreNullFields", "false")).as(fields[i].name())
          : column;
    }
    return result.select(columns);
  }

  private static boolean isNested(org.apache.spark.sql.types.DataType type) {
    return type instanceof org.apache.spark.sql.types.ArrayType || type instanceof org.apache.spark.sql.types.MapType
        || type instanceof org.apache.spark.sql.types.StructType;
  }

  private static List<String> cells(Row row) {
    List<String> cells = new ArrayList<>(row.size());
    for (int i = 0; i < row.size(); i++) {
      Object value = row.get(i);
      cells.add(value == null ? "" : value instanceof byte[] bytes ? "<" + bytes.length + " bytes>" : String.valueOf(value));
    }
    return cells;
  }

  static String csvLine(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      String cell = cells.get(i);
      if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
        line.append('"').append(cell.replace("\"", "\"\"")).append('"');
      } else {
        line.append(cell);
      }
    }
    return line.toString();
  }

  private static String tableLine(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < widths.length; i++) {
      String cell = cells.get(i);
      line.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
    }
    return line.toString();
  }

  private static String rule(int[] widths) {
    StringBuilder line = new StringBuilder("+");
    for (int width : widths) {
      line.append("-".repeat(width + 2)).append('+');
    }
    return line.toString();
  }
}

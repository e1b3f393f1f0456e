package io.conversa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The analyst notebooks' queries, as Spark SQL statements: every {@code sql("""...""")} of a
 * code cell, and each notebook's first code cell (which opens the lake).
 */
public final class NotebookCells {
  private static final Pattern QUERY = Pattern.compile("sql\\(\"\"\"(.*?)\"\"\"\\)", Pattern.DOTALL);

  /** One query: where it is (notebook and cell number) and its statement. */
  public record Cell(String where, String sql) {}

  private NotebookCells() {}

  public static List<Cell> sqlCells(Path folder) throws IOException {
    List<Cell> cells = new ArrayList<>();
    for (Path notebook : notebooks(folder)) {
      int index = 0;
      for (JsonNode cell : cells(notebook)) {
        index++;
        if ("code".equals(cell.path("cell_type").asText())) {
          Matcher query = QUERY.matcher(source(cell));
          while (query.find()) {
            cells.add(new Cell(notebook.getFileName() + " cell " + index, query.group(1).strip()));
          }
        }
      }
    }
    return cells;
  }

  /** Each notebook's first code cell, by notebook file name. */
  public static List<Cell> setupCells(Path folder) throws IOException {
    List<Cell> setups = new ArrayList<>();
    for (Path notebook : notebooks(folder)) {
      for (JsonNode cell : cells(notebook)) {
        if ("code".equals(cell.path("cell_type").asText())) {
          setups.add(new Cell(notebook.getFileName().toString(), source(cell)));
          break;
        }
      }
    }
    return setups;
  }

  private static List<Path> notebooks(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  private static JsonNode cells(Path notebook) throws IOException {
    return new ObjectMapper().readTree(notebook.toFile()).path("cells");
  }

  private static String source(JsonNode cell) {
    StringBuilder source = new StringBuilder();
    cell.path("source").forEach(line -> source.append(line.asText()));
    return source.toString();
  }
}

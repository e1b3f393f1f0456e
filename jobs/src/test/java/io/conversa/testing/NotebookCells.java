package io.conversa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The {@code %%sql} cells of the analyst notebooks, as Spark SQL statements. */
public final class NotebookCells {
  /** One SQL cell: where it is (notebook and cell number) and its statement. */
  public record Cell(String where, String sql) {}

  private NotebookCells() {}

  public static List<Cell> sqlCells(Path folder) throws IOException {
    List<Cell> cells = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> notebooks = Files.list(folder)) {
      for (Path notebook : notebooks.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList()) {
        JsonNode root = json.readTree(notebook.toFile());
        int index = 0;
        for (JsonNode cell : root.path("cells")) {
          index++;
          StringBuilder source = new StringBuilder();
          cell.path("source").forEach(line -> source.append(line.asText()));
          String text = source.toString();
          if ("code".equals(cell.path("cell_type").asText()) && text.startsWith("%%sql")) {
            cells.add(new Cell(notebook.getFileName() + " cell " + index, text.substring(text.indexOf('\n') + 1)));
          }
        }
      }
    }
    return cells;
  }
}

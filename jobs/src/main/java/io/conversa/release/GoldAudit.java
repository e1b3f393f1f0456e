package io.conversa.release;

import static org.apache.spark.sql.functions.col;

import io.conversa.disclosure.DisclosureAudit;
import io.conversa.disclosure.Finding;
import io.conversa.disclosure.Release;
import io.conversa.lake.Lake;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The disclosure audit of what gold publishes, as a reader of gold sees it: the published
 * figures, the relations between them, and every withheld figure as an unknown. For each
 * withheld figure, its feasible interval by linear programming; a finding is one narrower than
 * its protection (k for counts of people's events, its own value for splits and money, which a
 * reader of gold cannot know, so there: not pinned down).
 */
public final class GoldAudit {
  /** One client's audit. */
  public record ClientAudit(String client, long published, long withheld, long sensitive, int relations, List<Finding> findings) {}

  private GoldAudit() {}

  /** @param client one client, or null for every client gold names */
  public static List<ClientAudit> run(Lake lake, String client, int k) {
    // Without the record of which families had fewer than k people, every withheld one might.
    Set<String> sensitive = SensitiveCells.exists(lake) ? SensitiveCells.read(lake, client) : null;
    Map<String, List<GoldCell>> byClient = new TreeMap<>();
    for (GoldTable table : GoldTable.values()) {
      TableSchema schema = TableSchemas.goldFigures().stream().filter(t -> t.name().equals(table.tableName())).findFirst().orElseThrow();
      if (!lake.exists(schema)) {
        continue;
      }
      Dataset<Row> rows = lake.read(schema);
      if (client != null) {
        rows = rows.filter(col("client").equalTo(client));
      }
      // Bounded by clients, members and periods, not by events.
      for (Row row : rows.collectAsList()) {
        String cellClient = row.getAs("client");
        String member = GoldRows.member(table, row);
        String period = row.getAs("period");
        String start = row.getAs("period_start").toString();
        GoldCell cell = GoldRows.published(table, row, family -> sensitive == null
            || sensitive.contains(SensitiveCells.key(cellClient, table.tableName(), member, period, start, family)));
        byClient.computeIfAbsent(cell.client(), c -> new ArrayList<>()).add(cell);
      }
    }
    List<ClientAudit> audits = new ArrayList<>();
    for (var entry : byClient.entrySet()) {
      Release release = ReleaseModel.of(entry.getValue()).release();
      long withheld = release.figures().stream().filter(release::isWithheld).count();
      long sensitiveFigures = release.figures().stream().filter(release::isSensitive).count();
      audits.add(new ClientAudit(entry.getKey(), release.figures().size() - withheld, withheld, sensitiveFigures, release.relations().size(),
          new DisclosureAudit(k).audit(release)));
    }
    return audits;
  }
}

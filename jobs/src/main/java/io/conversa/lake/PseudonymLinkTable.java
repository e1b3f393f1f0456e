package io.conversa.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import io.conversa.privacy.KeyRing;
import io.conversa.privacy.PseudonymLinks;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.schema.TableSchemas;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code _conversa/pseudonym_links}: what keeps a person's pseudonym across key rotations (see
 * {@link Pseudonymizer}). Small: one row per identifier seen while a ring held two keys.
 */
public final class PseudonymLinkTable {
  private PseudonymLinkTable() {}

  /** The pseudonymizer of this lake under {@code ring}: its oldest key, and the links earlier rotations left. */
  public static Pseudonymizer pseudonymizer(Lake lake, KeyRing ring) {
    return new Pseudonymizer(ring, links(lake));
  }

  /** The links recorded so far, broadcast to the executors; {@link PseudonymLinks#NONE} before any rotation. */
  public static PseudonymLinks links(Lake lake) {
    if (!lake.exists(TableSchemas.PSEUDONYM_LINKS)) {
      return PseudonymLinks.NONE;
    }
    Map<String, String> links = new HashMap<>();
    for (Row row : lake.read(TableSchemas.PSEUDONYM_LINKS).select("pseudonym", "stable_pseudonym").collectAsList()) {
      links.put(row.getString(0), row.getString(1));
    }
    if (links.isEmpty()) {
      return PseudonymLinks.NONE;
    }
    Broadcast<Map<String, String>> shared = JavaSparkContext.fromSparkContext(lake.spark().sparkContext()).broadcast(links);
    return new BroadcastLinks(shared);
  }

  /**
   * Appends the links of {@code staged} lines (column {@code pseudonym_links}) not recorded yet.
   * Links of erased people are not recorded again. Answers the rows appended.
   */
  public static long append(Lake lake, Dataset<Row> staged, Dataset<Row> erasedPseudonyms, Instant linkedAt) {
    var table = lake.table(TableSchemas.PSEUDONYM_LINKS);
    Dataset<Row> fresh = staged.filter(col("pseudonym_links").isNotNull())
        .select(explode(col("pseudonym_links")).as("link"))
        .select(col("link.pseudonym").as("pseudonym"), col("link.stable_pseudonym").as("stable_pseudonym"))
        .groupBy("pseudonym").agg(min("stable_pseudonym").as("stable_pseudonym"));
    Dataset<Row> recorded = lake.read(TableSchemas.PSEUDONYM_LINKS).select("pseudonym");
    fresh = fresh.join(recorded, "pseudonym", "left_anti")
        .join(erasedPseudonyms.withColumnRenamed("pseudonym", "stable_pseudonym"), "stable_pseudonym", "left_anti")
        .select(col("pseudonym"), col("stable_pseudonym"), lit(Timestamp.from(linkedAt)).as("linked_at"));
    long before = DeltaMetrics.currentVersion(table);
    fresh.coalesce(1).write().format("delta").mode("append").save(lake.path(TableSchemas.PSEUDONYM_LINKS));
    return DeltaMetrics.rowsWrittenSince(table, before);
  }

  private record BroadcastLinks(Broadcast<Map<String, String>> links) implements PseudonymLinks {
    @Override
    public String stableOf(String pseudonym) {
      return links.value().getOrDefault(pseudonym, pseudonym);
    }
  }
}

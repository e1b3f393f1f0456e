package io.conversa.aggregate;

import io.conversa.config.ClientDirectory;
import io.conversa.config.FunnelRules;
import io.conversa.lake.Lake;
import io.conversa.release.ReleaseOutcome;
import io.conversa.schema.TableSchemas;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;

/**
 * gold.releases: the rules each aggregate run published gold with, and its audit's outcome.
 * Reports and later runs read the latest row instead of restating the rules.
 */
public final class Releases {
  private Releases() {}

  static void record(Lake lake, FunnelRules rules, ClientDirectory clients, RecomputePlan plan, ReleaseOutcome outcome) {
    Row row = RowFactory.create(
        Timestamp.from(Instant.now()), rules.minGroupSize(), rules.replySeconds(), rules.attributionSeconds(),
        scala.collection.JavaConverters.mapAsScalaMap(clients.timeZones()), plan.everything(),
        plan.everything() ? null : Date.valueOf(plan.monthFrom()),
        outcome.published(), outcome.withheldPrimary(), outcome.withheldComplementary(), outcome.auditPassed(),
        outcome.unprotected(), version());
    lake.table(TableSchemas.RELEASES);
    lake.spark().createDataFrame(List.of(row), TableSchemas.RELEASES.schema())
        .write().format("delta").mode("append").save(lake.path(TableSchemas.RELEASES));
  }

  /** The rules of the latest release, or null when gold was never released (or by an older conversa). */
  public static FunnelRules latestRules(Lake lake) {
    if (!lake.exists(TableSchemas.RELEASES)) {
      return null;
    }
    Dataset<Row> latest = lake.read(TableSchemas.RELEASES).orderBy(functions.col("released_at").desc()).limit(1);
    List<Row> rows = latest.collectAsList();
    if (rows.isEmpty()) {
      return null;
    }
    Row r = rows.get(0);
    return new FunnelRules(r.getInt(r.fieldIndex("min_group_size")),
        Duration.ofSeconds(r.getLong(r.fieldIndex("reply_window_seconds"))),
        Duration.ofSeconds(r.getLong(r.fieldIndex("attribution_window_seconds"))));
  }

  private static String version() {
    String version = Releases.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}

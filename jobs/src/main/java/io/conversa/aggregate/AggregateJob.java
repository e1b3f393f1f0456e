package io.conversa.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.conversa.common.Errors;
import io.conversa.lake.DeltaMetrics;
import io.conversa.lake.Lake;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * silver -> gold, by affected dates. Delta's change data feed says which dates silver rows
 * changed on since the last run; a purchase credits messages up to the attribution window
 * before it, and a message can open a session the next day, so the run recomputes
 * [first - window - 1 day, last + 1 day] and replaces exactly those dates in gold.
 */
public final class AggregateJob {
  /** The silver tables gold reads, with the date each row belongs to. */
  private static final Map<TableSchema, String> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put(TableSchemas.MESSAGES, "event_date");
    SOURCES.put(TableSchemas.OUTBOUND_MESSAGES, "send_date");
    SOURCES.put(TableSchemas.CONVERSIONS, "event_date");
    SOURCES.put(TableSchemas.USER_LINKS, "first_seen_at");
  }

  private final SparkSession spark;
  private final Consumer<String> progress;

  public AggregateJob(SparkSession spark, Consumer<String> progress) {
    this.spark = spark;
    this.progress = progress;
  }

  public AggregateResult run(AggregateSettings settings, Pseudonymizer pseudonymizer) {
    long started = System.nanoTime();
    Lake lake = new Lake(spark, settings.lakeRoot());
    for (TableSchema source : SOURCES.keySet()) {
      if (!lake.exists(source)) {
        throw Errors.usage("the lake " + lake.root() + " has no " + source.qualifiedName() + " table.",
            "run `conversa refine` (or `conversa run`) first.");
      }
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    SOURCES.keySet().forEach(t -> versions.put(t.qualifiedName(), DeltaMetrics.currentVersion(lake.table(t))));
    String fingerprint = settings.fingerprint(SendLog.fingerprint(spark, settings.sendLog()));
    AggregateState state = AggregateState.read(spark, lake.root());
    boolean full = settings.full() || state == null || !state.fingerprint().equals(fingerprint);
    LocalDate[] range = full ? allDates(lake) : changedDates(lake, state, versions, settings);
    if (range == null) {
      new AggregateState(fingerprint, versions).write(spark, lake.root());
      return AggregateResult.upToDate(seconds(started));
    }
    progress.accept("aggregate: recomputing gold for " + range[0] + ".." + range[1] + (full ? " (every date)" : ""));
    AggregateResult result = aggregate(lake, settings, pseudonymizer, range[0], range[1], full, started);
    new AggregateState(fingerprint, versions).write(spark, lake.root());
    return result;
  }

  private static LocalDate[] allDates(Lake lake) {
    LocalDate[] range = null;
    for (var source : SOURCES.entrySet()) {
      if (source.getKey() != TableSchemas.USER_LINKS) {
        range = ChangedDates.union(range, ChangedDates.all(lake, source.getKey(), source.getValue()));
      }
    }
    return range;
  }

  private static LocalDate[] changedDates(Lake lake, AggregateState state, Map<String, Long> versions, AggregateSettings settings) {
    LocalDate[] changed = null;
    for (var source : SOURCES.entrySet()) {
      String name = source.getKey().qualifiedName();
      long seen = state.versions().getOrDefault(name, -1L);
      changed = ChangedDates.union(changed, ChangedDates.between(lake, source.getKey(), source.getValue(), seen, versions.get(name)));
    }
    if (changed == null) {
      return null;
    }
    return new LocalDate[] {changed[0].minusDays(settings.attributionDays() + 1L), changed[1].plusDays(1)};
  }

  private AggregateResult aggregate(
      Lake lake, AggregateSettings settings, Pseudonymizer pseudonymizer, LocalDate first, LocalDate last, boolean full, long started) {
    // Everything a date in [first, last] depends on: purchases up to the window after it, and
    // the messages up to the window before them that compete for their credit.
    int reach = settings.attributionDays() + 1;
    Date readFrom = Date.valueOf(first.minusDays(reach));
    Date readTo = Date.valueOf(last.plusDays(reach));
    Dataset<Row> links = lake.read(TableSchemas.USER_LINKS);
    Column client = settings.clients().clientOf(col("waba_id"), col("phone_number_id"));
    Dataset<Row> outbound =
        withCampaign(
                UserResolution.resolve(lake.read(TableSchemas.OUTBOUND_MESSAGES).filter(col("send_date").between(readFrom, readTo)), links),
                settings, pseudonymizer)
            .withColumn("client", client)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> inbound =
        UserResolution.resolve(lake.read(TableSchemas.MESSAGES).filter(col("event_date").between(readFrom, readTo)), links)
            .withColumn("client", client)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> conversions =
        UserResolution.resolve(lake.read(TableSchemas.CONVERSIONS).filter(col("event_date").between(readFrom, readTo)), links);
    try {
      Dataset<Row> purchases = Purchases.of(conversions, inbound, outbound, settings.attributionSeconds())
          .persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> outcomes =
          MessageOutcomes.of(outbound, inbound, purchases, settings.replySeconds(), settings.attributionSeconds())
              .filter(col("send_date").between(Date.valueOf(first), Date.valueOf(last)))
              .persist(StorageLevel.MEMORY_AND_DISK());
      GoldWriter gold = new GoldWriter(lake, first, last);
      long campaignRows = gold.replace(TableSchemas.CAMPAIGN_FUNNEL, "send_date", Funnels.campaignFunnel(outcomes, settings.minGroupSize()));
      long dailyRows = gold.replace(TableSchemas.DAILY_FUNNEL, "day", Funnels.dailyFunnel(outcomes, settings.minGroupSize()));
      Dataset<Row> sessionsFrom = inbound.filter(col("event_date").between(Date.valueOf(first.minusDays(1)), Date.valueOf(last)));
      long conversationRows =
          gold.replace(TableSchemas.CONVERSATIONS_DAILY, "day",
              ConversationsDaily.of(outbound.filter(col("send_date").between(Date.valueOf(first), Date.valueOf(last))), sessionsFrom,
                  settings.minGroupSize()));
      long adRows =
          gold.replace(TableSchemas.AD_REFERRALS, "day",
              AdReferrals.of(inbound.filter(col("event_date").between(Date.valueOf(first), Date.valueOf(last))), outbound, purchases,
                  settings.minGroupSize(), settings.replySeconds(), settings.attributionSeconds()));
      long outboundCount = outcomes.count();
      purchases.unpersist();
      outcomes.unpersist();
      progress.accept("aggregate: running data-quality checks");
      List<QualityChecks.Result> checks = QualityChecks.load().run(lake, first, last);
      QualityChecks.record(lake, checks);
      for (QualityChecks.Result failed : checks.stream().filter(c -> !c.passed()).toList()) {
        progress.accept("aggregate: quality check FAILED: " + failed.table() + " " + failed.name() + ": " + failed.violations()
            + " of " + failed.rowsChecked() + " rows (" + failed.description() + ")");
      }
      return new AggregateResult(first, last, full, outboundCount, campaignRows, dailyRows, conversationRows, adRows,
          gold.suppressedRows(), checks, seconds(started));
    } finally {
      outbound.unpersist();
      inbound.unpersist();
    }
  }

  /** The campaign of each message: its callback data, else the send log's, else "(none)". */
  private Dataset<Row> withCampaign(Dataset<Row> outbound, AggregateSettings settings, Pseudonymizer pseudonymizer) {
    if (settings.sendLog() == null) {
      return outbound.withColumn("campaign", coalesce(col("campaign"), lit(Funnels.NO_CAMPAIGN)));
    }
    Dataset<Row> sendLog = SendLog.read(spark, settings.sendLog(), pseudonymizer);
    return outbound.join(sendLog, "message_id", "left")
        .withColumn("campaign", coalesce(col("campaign"), col("send_log_campaign"), lit(Funnels.NO_CAMPAIGN)))
        .drop("send_log_campaign");
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }
}

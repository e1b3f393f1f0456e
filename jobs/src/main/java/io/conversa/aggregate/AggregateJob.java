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
 * silver -> gold, by affected dates. Delta's change data feed says which silver rows changed
 * since the last run; each kind of change reaches the dates whose gold rows it can move (a
 * purchase, the messages up to the attribution window before it; a late status, its message's
 * date only), and the run replaces exactly the union of those dates in gold.
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

  /** What decides whether a message can take or lose a purchase's credit, or answer a referral. */
  private static final Column[] MESSAGE_SHAPE = {
    col("user_id"), col("waba_id"), col("phone_number_id"), col("sent_at"), col("campaign"),
    col("failed_at").isNotNull().and(col("delivered_at").isNull())
  };

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
    LocalDate[] everyDate = full ? allDates(lake) : null;
    DatesToRecompute dates = full ? new DatesToRecompute(everyDate, everyDate) : changedDates(lake, state, versions, settings);
    if (dates.gold() == null) {
      new AggregateState(fingerprint, versions).write(spark, lake.root());
      return AggregateResult.upToDate(seconds(started));
    }
    LocalDate[] range = dates.gold();
    progress.accept("aggregate: recomputing gold for " + range[0] + ".." + range[1] + (full ? " (every date)" : ""));
    AggregateResult result = aggregate(lake, settings, pseudonymizer, dates, full, started);
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

  /**
   * The dates whose gold rows the changes since the last run can move, per kind of change. A
   * message sent, dropped or reshaped (its user, time, campaign or failure) can take a purchase's
   * credit from a message up to the attribution window before it, or answer an ad referral up to
   * the reply window before it; a later status of the same message moves only its own date. A
   * user's message can be the reply to, or a click on, a message up to the reply window before it,
   * and opens or closes the session of the user's next message, up to a day later. A purchase
   * credits messages up to the window before it, and an order can make a payment up to the window
   * after it the same purchase. A new link of a user's ids moves the dates around its first sight.
   */
  private static DatesToRecompute changedDates(Lake lake, AggregateState state, Map<String, Long> versions, AggregateSettings settings) {
    long attribution = settings.attributionDays();
    long reply = settings.replyDays();
    LocalDate[] outbound = changes(lake, state, versions, TableSchemas.OUTBOUND_MESSAGES);
    LocalDate[] reshaped = outbound == null ? null : ChangedDates.reshapedBetween(lake, TableSchemas.OUTBOUND_MESSAGES,
        "message_id", "send_date", MESSAGE_SHAPE, seen(state, TableSchemas.OUTBOUND_MESSAGES), current(versions, TableSchemas.OUTBOUND_MESSAGES));
    LocalDate[] inbound = changes(lake, state, versions, TableSchemas.MESSAGES);
    LocalDate[] conversions = changes(lake, state, versions, TableSchemas.CONVERSIONS);
    LocalDate[] links = changes(lake, state, versions, TableSchemas.USER_LINKS);
    LocalDate[] gold = ChangedDates.widen(reshaped, Math.max(attribution, reply), 0);
    gold = ChangedDates.union(gold, outbound);
    gold = ChangedDates.union(gold, ChangedDates.widen(inbound, reply, 1));
    gold = ChangedDates.union(gold, ChangedDates.widen(conversions, attribution, attribution));
    gold = ChangedDates.union(gold, ChangedDates.widen(links, attribution + 1, 1));
    return new DatesToRecompute(gold, ChangedDates.union(ChangedDates.union(outbound, inbound), conversions));
  }

  private static LocalDate[] changes(Lake lake, AggregateState state, Map<String, Long> versions, TableSchema table) {
    return ChangedDates.between(lake, table, SOURCES.get(table), seen(state, table), current(versions, table));
  }

  private static long seen(AggregateState state, TableSchema table) {
    return state.versions().getOrDefault(table.qualifiedName(), -1L);
  }

  private static long current(Map<String, Long> versions, TableSchema table) {
    return versions.get(table.qualifiedName());
  }

  private AggregateResult aggregate(
      Lake lake, AggregateSettings settings, Pseudonymizer pseudonymizer, DatesToRecompute dates, boolean full, long started) {
    LocalDate first = dates.gold()[0];
    LocalDate last = dates.gold()[1];
    // What a date in [first, last] depends on: the user's messages from a day before it (the
    // session a message opens), later messages that compete for a purchase's credit, and the
    // purchases up to the window after it. Messages before that cannot take credit from later
    // ones (the last touch wins); only conversions and the ids automatic events name reach back.
    int reach = Math.max(settings.attributionDays(), settings.replyDays()) + 1;
    Date readFrom = Date.valueOf(first.minusDays(reach));
    Date messagesFrom = Date.valueOf(first.minusDays(1));
    Date readTo = Date.valueOf(last.plusDays(reach));
    Dataset<Row> links = lake.read(TableSchemas.USER_LINKS);
    Column client = settings.clients().clientOf(col("waba_id"), col("phone_number_id"));
    Dataset<Row> outboundAround = UserResolution.resolve(
        lake.read(TableSchemas.OUTBOUND_MESSAGES).filter(col("send_date").between(readFrom, readTo)), links);
    Dataset<Row> inboundAround = UserResolution.resolve(
        lake.read(TableSchemas.MESSAGES).filter(col("event_date").between(readFrom, readTo)), links);
    Dataset<Row> outbound =
        withCampaign(outboundAround.filter(col("send_date").geq(messagesFrom)), settings, pseudonymizer)
            .withColumn("client", client)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> inbound =
        inboundAround.filter(col("event_date").geq(messagesFrom))
            .withColumn("client", client)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> conversions =
        UserResolution.resolve(lake.read(TableSchemas.CONVERSIONS).filter(col("event_date").between(readFrom, readTo)), links);
    try {
      Dataset<Row> purchases = Purchases.of(conversions, inboundAround, outboundAround, settings.attributionSeconds())
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
      List<QualityChecks.Result> checks = QualityChecks.load().run(lake, dates.silver(), dates.gold());
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

  /**
   * The dates gold recomputes, and those silver rows changed on: silver's checks look at rows
   * that changed, gold's at the rows it wrote. Either is null when nothing is to be done.
   */
  private record DatesToRecompute(LocalDate[] gold, LocalDate[] silver) {}

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

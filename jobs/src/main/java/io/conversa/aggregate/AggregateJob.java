package io.conversa.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.conversa.common.Errors;
import io.conversa.config.FunnelRules;
import io.conversa.lake.AdaptiveExecution;
import io.conversa.lake.CodeGeneration;
import io.conversa.lake.Compaction;
import io.conversa.lake.Concurrently;
import io.conversa.lake.DeltaMetrics;
import io.conversa.lake.KeptRows;
import io.conversa.lake.Lake;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.release.AtomTable;
import io.conversa.release.SensitiveCells;
import io.conversa.release.ReleaseOutcome;
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
 * silver -> gold, by affected periods. Delta's change data feed says which silver rows changed
 * since the last run; each kind of change reaches the dates whose gold rows it can move (a
 * purchase, the messages up to the attribution window before it; a late status, its message's
 * date only). The run recomputes the day, week and month rows from the first of those dates on
 * ({@link RecomputePlan}), decides which figures can be published ({@link GoldRelease}), and
 * replaces those periods in gold.
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
    col("user_id"), col("waba_id"), col("phone_number_id"), col("sent_at"), col("campaign"), col("template"),
    col("failed_at").isNotNull().and(col("delivered_at").isNull())
  };

  /**
   * Fewer outbound messages in the periods recomputed run interpreted ({@link CodeGeneration}):
   * 166 took 53 s against 63-68 s compiled, 32,386 took 90.6 s against 80.6 s.
   */
  private static final long COMPILE_FROM_MESSAGES = 10_000;

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
    RateCard card = RateCard.read(spark, settings.files().rateCard());
    FunnelRules rules = settings.rules(spark);
    String fingerprint = settings.fingerprint(spark, card, rules);
    AggregateState state = AggregateState.read(spark, lake.root());
    boolean full = settings.full() || state == null || !state.builtWith(fingerprint);
    // Read once: its digests decide the dates, its rows the purchases.
    Dataset<Row> paymentRecords = settings.files().payments() == null ? null
        : PaymentRecords.read(spark, settings.files().payments()).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return run(lake, settings, rules, card, fingerprint, state, full, versions, paymentRecords, pseudonymizer, started);
    } finally {
      if (paymentRecords != null) {
        paymentRecords.unpersist();
      }
    }
  }

  private AggregateResult run(Lake lake, AggregateSettings settings, FunnelRules rules, RateCard card, String fingerprint,
      AggregateState state, boolean full, Map<String, Long> versions, Dataset<Row> paymentRecords, Pseudonymizer pseudonymizer,
      long started) {
    Map<String, String> paymentDays = paymentRecords == null ? null : PaymentRecords.paidDays(paymentRecords);
    LocalDate[] everyDate = full ? allDates(spark, lake) : null;
    DatesToRecompute dates = full ? new DatesToRecompute(everyDate, everyDate) : changedDates(lake, state, versions, rules);
    LocalDate paid = full || paymentDays == null ? null : state.firstChangedPaymentDay(paymentDays);
    if (paid != null) {
      // A payment credits messages up to the window before it, on local dates up to a day off UTC's.
      LocalDate from = paid.minusDays(rules.attributionDays() + 1L);
      dates = new DatesToRecompute(ChangedDates.union(dates.gold(), new LocalDate[] {from, paid.plusDays(1)}), dates.silver());
    }
    if (dates.gold() == null) {
      new AggregateState(fingerprint, versions, paymentDays).write(spark, lake.root());
      return AggregateResult.upToDate(seconds(started));
    }
    RecomputePlan plan = RecomputePlan.from(dates.gold()[0], full);
    progress.accept("aggregate: recomputing gold from " + plan.weekFrom() + (full ? " (every period)" : " (days and months from " + plan.monthFrom() + ")"));
    AggregateResult result = aggregate(lake, settings, rules, card, paymentRecords, pseudonymizer, plan, dates.silver(), started);
    Compaction.ofFragmented(spark, lake, GoldTables.schemas());
    new AggregateState(fingerprint, versions, paymentDays).write(spark, lake.root());
    return result;
  }

  /**
   * Whether gold was last built under {@code settings}' rules, clients and send log: a run under
   * them recomputes only what silver changed, never restates the rest.
   */
  public static boolean builtWith(SparkSession spark, AggregateSettings settings) {
    AggregateState state = AggregateState.read(spark, new Lake(spark, settings.lakeRoot()).root());
    return state != null && state.builtWith(settings.fingerprint(spark, RateCard.read(spark, settings.files().rateCard()), settings.rules(spark)));
  }

  /** Whether gold was ever built on this lake. */
  /**
   * Whether gold has read every version of {@code table} (its change feed may be vacuumed):
   * true before the first aggregate too, since that one reads the tables whole.
   */
  public static boolean hasRead(SparkSession spark, String lakeRoot, io.conversa.schema.TableSchema table) {
    Lake lake = new Lake(spark, lakeRoot);
    AggregateState state = AggregateState.read(spark, lake.root());
    return state == null || !lake.exists(table)
        || state.versions().getOrDefault(table.qualifiedName(), -1L) >= DeltaMetrics.currentVersion(lake.table(table));
  }

  public static boolean hasRun(SparkSession spark, String lakeRoot) {
    return AggregateState.read(spark, new Lake(spark, lakeRoot).root()) != null;
  }

  private static LocalDate[] allDates(SparkSession spark, Lake lake) {
    List<java.util.concurrent.Callable<LocalDate[]>> bounds = new java.util.ArrayList<>();
    for (var source : SOURCES.entrySet()) {
      if (source.getKey() != TableSchemas.USER_LINKS) {
        bounds.add(() -> ChangedDates.all(lake, source.getKey(), source.getValue()));
      }
    }
    LocalDate[] range = null;
    for (LocalDate[] tableRange : Concurrently.run(spark, bounds)) {
      range = ChangedDates.union(range, tableRange);
    }
    return range;
  }

  /** The dates whose gold rows the changes since the last run can move ({@link SilverChanges}). */
  private static DatesToRecompute changedDates(Lake lake, AggregateState state, Map<String, Long> versions, FunnelRules rules) {
    LocalDate[] outbound = changes(lake, state, versions, TableSchemas.OUTBOUND_MESSAGES);
    LocalDate[] reshaped = outbound == null ? null : ChangedDates.reshapedBetween(lake, TableSchemas.OUTBOUND_MESSAGES,
        "message_id", "send_date", MESSAGE_SHAPE, seen(state, TableSchemas.OUTBOUND_MESSAGES), current(versions, TableSchemas.OUTBOUND_MESSAGES));
    SilverChanges changed = new SilverChanges(outbound, reshaped, changes(lake, state, versions, TableSchemas.MESSAGES),
        changes(lake, state, versions, TableSchemas.CONVERSIONS), changes(lake, state, versions, TableSchemas.USER_LINKS));
    return new DatesToRecompute(changed.goldDates(rules), changed.silverDates());
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
      Lake lake, AggregateSettings settings, FunnelRules rules, RateCard card, Dataset<Row> paymentRecords, Pseudonymizer pseudonymizer,
      RecomputePlan plan, LocalDate[] silverDates, long started) {
    LocalDate first = plan.firstUtcDate();
    // What a period from `first` on depends on: the user's messages from a day before it (the
    // session a message opens), later messages that compete for a purchase's credit, and the
    // purchases up to the window after it. Messages before that cannot take credit from later
    // ones (the last touch wins); only conversions and the ids automatic events name reach back.
    Date readFrom = Date.valueOf(first.minusDays(SilverChanges.readReach(rules)));
    Date messagesFrom = Date.valueOf(first.minusDays(1));
    Dataset<Row> links = lake.read(TableSchemas.USER_LINKS);
    long messagesRead = lake.read(TableSchemas.OUTBOUND_MESSAGES).filter(col("send_date").geq(readFrom)).count();
    CodeGeneration.fitTo(spark, messagesRead, COMPILE_FROM_MESSAGES);
    AdaptiveExecution.fitTo(spark, messagesRead);
    Column client = settings.clients().clientOf(col("waba_id"), col("phone_number_id"));
    Column localDate = Periods.localDate(col("sent_at"), settings.clients().timeZoneOf(col("client")));
    Dataset<Row> outboundAround = UserResolution.resolve(lake.read(TableSchemas.OUTBOUND_MESSAGES).filter(col("send_date").geq(readFrom)), links);
    Dataset<Row> inboundAround = UserResolution.resolve(lake.read(TableSchemas.MESSAGES).filter(col("event_date").geq(readFrom)), links);
    BusinessFiles files = settings.files();
    Dataset<Row> sendLogRows = files.sendLog() == null ? null : SendLog.read(spark, files.sendLog(), pseudonymizer).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> sendLog = sendLogRows == null ? null : SendLog.usable(sendLogRows);
    Dataset<Row> outbound =
        MessageCosts.of(withCampaign(outboundAround.filter(col("send_date").geq(messagesFrom)), sendLog), card.periods(spark))
            .withColumn("client", client)
            .withColumn("local_date", localDate)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> inbound =
        inboundAround.filter(col("event_date").geq(messagesFrom))
            .withColumn("client", client)
            .withColumn("local_date", localDate)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> conversions = UserResolution.resolve(lake.read(TableSchemas.CONVERSIONS).filter(col("event_date").geq(readFrom)), links);
    Date from = Date.valueOf(plan.weekFrom());
    KeptRows.All kept = new KeptRows.All();
    try {
      PaymentsRead payments = readPayments(files, paymentRecords, sendLog, outboundAround, rules.attributionSeconds());
      Dataset<Row> purchases = Purchases.of(conversions, inboundAround, outboundAround, payments == null ? null : payments.settled(),
              rules.attributionSeconds())
          .persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> outcomes = kept.add(
          MessageOutcomes.of(outbound, inbound, purchases, rules.replySeconds(), rules.attributionSeconds()).filter(col("local_date").geq(from)));
      progress.accept("aggregate: computing the figures of every period");
      GoldSources sources = new GoldSources(outcomes, outbound, outbound.filter(col("local_date").geq(from)), inbound,
          inbound.filter(col("local_date").geq(from)), purchases, rules);
      // Each table's jobs are small: submitted together, one table's planning overlaps another's tasks.
      List<java.util.concurrent.Callable<Dataset<Row>>> computing = new java.util.ArrayList<>();
      for (GoldTables.Entry entry : GoldTables.FIGURES) {
        computing.add(() -> kept.add(inPlan(entry.compute().apply(sources), plan)));
      }
      List<Dataset<Row>> tables = Concurrently.run(spark, computing);
      Map<GoldTables.Entry, Dataset<Row>> computed = new LinkedHashMap<>();
      for (int t = 0; t < tables.size(); t++) {
        computed.put(GoldTables.FIGURES.get(t), tables.get(t));
      }
      Dataset<Row> atoms = kept.add(Atoms.of(outcomes, card.maxPriceByCategory(), computed.get(GoldTables.CONVERSATIONS),
          computed.get(GoldTables.AD_REFERRALS)));
      Row counts = outcomes.agg(count(lit(1)), sum(when(col("is_unpriced"), 1L).otherwise(0L))).first();
      long outboundCount = counts.getLong(0);
      long unpriced = outboundCount == 0 ? 0 : counts.getLong(1);
      progress.accept("aggregate: deciding what to publish (k = " + rules.minGroupSize() + ": every family of figures from fewer than k"
          + " people withheld, and a witness for each that no reader can work it out)");
      GoldRelease.Released released = GoldRelease.release(computed, GoldRelease.earlier(lake, plan), atoms, plan, rules.minGroupSize(), kept);
      ReleaseOutcome outcome = released.outcome();
      progress.accept(String.format(java.util.Locale.ROOT,
          "aggregate: released %d clients: %,d groups withheld for k and %,d to protect them, %,d witness programmes, slowest client %.1f s"
              + " (%.1f s)", outcome.clients(), outcome.groupsPrimary(), outcome.groupsComplementary(), outcome.programmes(),
          outcome.slowestClientSeconds(), outcome.seconds()));
      if (!outcome.auditPassed()) {
        throw Errors.runFailed("no witness protects " + outcome.unprotected() + " withheld figures, and what would protect them was"
                + " published by an earlier run; nothing was published.",
            "rerun with --full to decide every period again.", null);
      }
      GoldWriter gold = new GoldWriter(lake, plan);
      List<java.util.concurrent.Callable<Long>> writes = new java.util.ArrayList<>();
      for (GoldTables.Entry entry : GoldTables.FIGURES) {
        writes.add(() -> gold.replace(entry.schema(), released.tables().get(entry)));
      }
      writes.add(() -> {
        SensitiveCells.write(lake, SensitiveCells.of(released.decisions()), plan.replaceWhere());
        AtomTable.write(lake, atoms, plan.everything() ? null : plan.monthFrom());
        return 0L;
      });
      writes.add(() -> {
        Releases.record(lake, rules, settings.clients(), plan, outcome);
        return 0L;
      });
      List<Long> written = Concurrently.run(spark, writes);
      Map<String, Long> rowsWritten = new LinkedHashMap<>();
      for (int t = 0; t < GoldTables.FIGURES.size(); t++) {
        rowsWritten.put(GoldTables.FIGURES.get(t).name(), written.get(t));
      }
      purchases.unpersist();
      kept.close();
      if (payments != null) {
        payments.settled().unpersist();
      }
      progress.accept("aggregate: running data-quality checks");
      LocalDate[] goldDates = {plan.weekFrom(), LocalDate.of(9999, 12, 31)};
      List<QualityChecks.Result> checks = new java.util.ArrayList<>(QualityChecks.load().run(lake, silverDates, goldDates));
      checks.add(auditCheck(outcome));
      checks.add(new QualityChecks.Result("gold.campaign_funnel", "billable_message_has_a_price",
          "Every delivered message Meta charges (pricing type regular) has a price in "
              + (files.rateCard() == null ? "the shipped rate card" : "the --rate-card file")
              + " for its recipient's country and pricing category; one without counts nothing in cost (nor does one to a user"
              + " known only by a business-scoped id, who has no country).",
          unpriced == 0, unpriced, outboundCount));
      if (payments != null) {
        checks.addAll(payments.tally().checks());
      }
      if (sendLogRows != null) {
        checks.add(SendLog.check(sendLogRows));
      }
      QualityChecks.record(lake, checks);
      for (QualityChecks.Result failed : checks.stream().filter(c -> !c.passed()).toList()) {
        progress.accept("aggregate: quality check FAILED: " + failed.table() + " " + failed.name() + ": " + failed.violations()
            + " of " + failed.rowsChecked() + " rows (" + failed.description() + ")");
      }
      return new AggregateResult(plan.weekFrom(), plan.everything(), outboundCount, rowsWritten, outcome, checks, seconds(started));
    } finally {
      kept.close();
      outbound.unpersist();
      inbound.unpersist();
      if (sendLogRows != null) {
        sendLogRows.unpersist();
      }
    }
  }

  /** A payments file's paid rows on the messages they settle, and what became of its rows. */
  private record PaymentsRead(Dataset<Row> settled, PaymentRecords.Tally tally) {}

  private PaymentsRead readPayments(BusinessFiles files, Dataset<Row> records, Dataset<Row> sendLog, Dataset<Row> outbound,
      long windowSeconds) {
    if (records == null) {
      return null;
    }
    if (sendLog == null || !SendLog.namesOrders(spark, files.sendLog())) {
      throw Errors.usage("payment records are matched to messages by the send log's reference_id column, and "
              + (sendLog == null ? "no --send-log was given." : "the send log has none."),
          "give --send-log a CSV with the header message_id,campaign,template,reference_id naming each order message's reference.");
    }
    Dataset<Row> settled = PaymentRecords.settled(records, sendLog, outbound, windowSeconds).persist(StorageLevel.MEMORY_AND_DISK());
    PaymentRecords.Tally tally = PaymentRecords.tally(records, settled);
    progress.accept("aggregate: payments: " + tally.describe());
    return new PaymentsRead(settled, tally);
  }

  /**
   * The rows of the periods the plan recomputes: days and weeks from its first Monday, months
   * from its first month (an earlier month would be partial).
   */
  private static Dataset<Row> inPlan(Dataset<Row> rows, RecomputePlan plan) {
    return rows.filter(col("period_start").geq(Date.valueOf(plan.weekFrom()))
        .and(col("period").notEqual(Periods.MONTH).or(col("period_start").geq(Date.valueOf(plan.monthFrom())))));
  }

  /** The disclosure audit's outcome as a row of gold.quality_checks. */
  private static QualityChecks.Result auditCheck(ReleaseOutcome outcome) {
    return new QualityChecks.Result("gold.releases", "disclosure_audit",
        "No withheld figure can be worked out from published ones within k (counts) or its own value (money).",
        outcome.auditPassed(), outcome.unprotected(), outcome.figures());
  }

  /**
   * The dates silver rows changed on (for its checks) and the first of the dates gold must
   * recompute from; either is null when nothing is to be done.
   */
  private record DatesToRecompute(LocalDate[] gold, LocalDate[] silver) {}

  /** The campaign and template of each message: its callback data's, else the send log's, else "(none)". */
  private static Dataset<Row> withCampaign(Dataset<Row> outbound, Dataset<Row> sendLog) {
    if (sendLog == null) {
      return outbound
          .withColumn("campaign", coalesce(col("campaign"), lit(Funnels.NO_CAMPAIGN)))
          .withColumn("template", coalesce(col("template"), lit(Funnels.NO_CAMPAIGN)));
    }
    return outbound.join(sendLog.drop("send_log_reference_id"), "message_id", "left")
        .withColumn("campaign", coalesce(col("campaign"), col("send_log_campaign"), lit(Funnels.NO_CAMPAIGN)))
        .withColumn("template", coalesce(col("template"), col("send_log_template"), lit(Funnels.NO_CAMPAIGN)))
        .drop("send_log_campaign", "send_log_template");
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }
}

package io.conversa.aggregate;

import static io.conversa.release.TableSpec.MeasureSpec.anchor;
import static io.conversa.release.TableSpec.MeasureSpec.count;
import static io.conversa.release.TableSpec.MeasureSpec.money;
import static io.conversa.release.TableSpec.MeasureSpec.other;

import io.conversa.release.GoldSpaces;
import io.conversa.release.TableSpec;
import io.conversa.release.TableSpec.FamilySpec;
import io.conversa.release.TableSpec.RateSpec;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The registry of gold: every table of figures, declared once. An entry names its schema file,
 * its {@link TableSpec} (members, periods, families, the people behind each, the atoms each figure
 * sums, rates, its tier), how it is computed from silver and how its rates are derived once it is
 * released. Aggregate, release, audit, report inputs, {@code register}, the lake's table list and
 * the tests read this list; adding a table is an entry here, its schema file, its computation and
 * its tests.
 */
public final class GoldTables {
  /**
   * One table of figures.
   *
   * @param compute its rows of every period from silver, before release, with the people behind each family
   * @param withRates the table as released, its rates computed from what is published
   */
  public record Entry(TableSchema schema, TableSpec spec, Function<GoldSources, Dataset<Row>> compute,
      Function<Dataset<Row>, Dataset<Row>> withRates) {
    public String name() {
      return schema.name();
    }
  }

  private static final List<String> DAY_WEEK_MONTH = List.of(Periods.DAY, Periods.WEEK, Periods.MONTH);

  public static final Entry CONVERSATIONS = new Entry(
      TableSchemas.gold("conversations"),
      new TableSpec("conversations", columns("conversations"), List.of("phone_number_id", "pricing_category"), DAY_WEEK_MONTH, 0, List.of(
          // A category's users received its messages, except service's, who may only have opened a session.
          new FamilySpec("users", GoldSpaces.OUTBOUND, "users", "contacts", "sent", List.of(),
              java.util.Map.entry("pricing_category", Conversations.SERVICE)),
          new FamilySpec("recipients", GoldSpaces.OUTBOUND, "recipients", null, null, List.of(
              anchor("messages", "sent"), count("billable_messages", "billable"), money("cost", "cost", "cost_currency"))),
          new FamilySpec("session_users", GoldSpaces.SESSIONS, "session_users", null, null, List.of(anchor("sessions", "sessions")))),
          List.of()),
      sources -> Conversations.of(sources.outboundFromFirstWeek(), sources.inbound()),
      released -> released);

  public static final Entry NUMBER_FUNNEL = funnel("number_funnel", List.of("phone_number_id"), DAY_WEEK_MONTH, 1, Funnels::numberFunnel);

  public static final Entry AD_REFERRALS = new Entry(
      TableSchemas.gold("ad_referrals"),
      new TableSpec("ad_referrals", columns("ad_referrals"), List.of("referral_source_id"), DAY_WEEK_MONTH, 2, List.of(
          new FamilySpec("users", GoldSpaces.REFERRALS, "users", "ad_users", "started", List.of(
              anchor("conversations_started", "started"), count("replied", "replied"))),
          new FamilySpec("buyers", GoldSpaces.REFERRALS, "buyers", null, null, List.of(
              anchor("converted", "converted"), money("revenue", "revenue", "revenue_currency")))),
          List.of(new RateSpec("conversion_rate", "converted", "conversations_started"))),
      sources -> AdReferrals.of(sources.inboundFromFirstWeek(), sources.outbound(), sources.purchases(), sources.rules().replySeconds(),
          sources.rules().attributionSeconds()),
      AdReferrals::withRates);

  /** By week and month only: an A/B test is read by the week, and its days would be mostly too small. */
  public static final Entry TEMPLATE_FUNNEL = funnel("template_funnel", List.of("campaign", "template"),
      List.of(Periods.WEEK, Periods.MONTH), 3, Funnels::templateFunnel);

  public static final Entry CAMPAIGN_FUNNEL = funnel("campaign_funnel", List.of("campaign"), DAY_WEEK_MONTH, 4, Funnels::campaignFunnel);

  /** Every table of figures, in the order they are written and read. */
  public static final List<Entry> FIGURES = List.of(CAMPAIGN_FUNNEL, TEMPLATE_FUNNEL, NUMBER_FUNNEL, CONVERSATIONS, AD_REFERRALS);

  private GoldTables() {}

  /** Every gold table: the tables of figures, then the quality checks and the releases. */
  public static List<TableSchema> schemas() {
    List<TableSchema> all = new ArrayList<>();
    FIGURES.forEach(e -> all.add(e.schema()));
    all.add(TableSchemas.QUALITY_CHECKS);
    all.add(TableSchemas.RELEASES);
    return all;
  }

  /** Every table of the lake, bronze to gold, as registered for analysts. */
  public static List<TableSchema> lakeTables() {
    List<TableSchema> all = new ArrayList<>(TableSchemas.bronzeAndSilver());
    all.addAll(schemas());
    return all;
  }

  public static List<TableSpec> specs() {
    return FIGURES.stream().map(Entry::spec).toList();
  }

  public static Entry named(String name) {
    return FIGURES.stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no gold table of figures named " + name));
  }

  private static List<String> columns(String table) {
    return List.of(TableSchemas.gold(table).columnNames());
  }

  private static Entry funnel(String name, List<String> dimensions, List<String> periods, int tier,
      Function<Dataset<Row>, Dataset<Row>> compute) {
    return new Entry(
        TableSchemas.gold(name),
        new TableSpec(name, columns(name), dimensions, periods, tier, List.of(
            // Cost is a function of the message counts (a price per country and category): it is
            // withheld with them.
            new FamilySpec("recipients", GoldSpaces.OUTBOUND, "users", "recipients", "sent", List.of(
                anchor("sent", "sent"), count("delivered", "delivered"), count("read", "read"), count("failed", "failed"),
                count("replied", "replied"), count("clicked", "clicked"), money("cost", "cost", "cost_currency"))),
            new FamilySpec("buyers", GoldSpaces.OUTBOUND, "buyers", null, null, List.of(
                anchor("converted", "converted"), count("conversions", "conversions"), money("revenue", "revenue", "revenue_currency"))),
            new FamilySpec("readers", null, "readers", null, null, List.of(other("median_seconds_to_read"), other("p90_seconds_to_read"))),
            new FamilySpec("repliers", null, "repliers", null, null, List.of(other("median_seconds_to_reply"), other("p90_seconds_to_reply")))),
            List.of(
                new RateSpec("delivery_rate", "delivered", "sent"),
                new RateSpec("read_rate", "read", "delivered"),
                new RateSpec("reply_rate", "replied", "delivered"),
                new RateSpec("click_rate", "clicked", "delivered"),
                new RateSpec("conversion_rate", "converted", "delivered"),
                new RateSpec("cost_per_delivered", "cost", "delivered"),
                new RateSpec("cost_per_conversion", "cost", "converted"),
                new RateSpec("return_on_spend", "revenue", "cost"))),
        sources -> compute.apply(sources.outcomes()),
        Funnels::withRates);
  }
}

package io.conversa.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.disclosure.DisclosureAudit;
import io.conversa.disclosure.Finding;
import io.conversa.release.GoldCell;
import io.conversa.release.GoldRows;
import io.conversa.release.SensitiveCells;
import io.conversa.release.GoldTable;
import io.conversa.release.ReleaseModel;
import io.conversa.testing.SharedSpark;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The attack the product owner found, end to end from message outcomes to released gold: one
 * phone number, campaign "small" reaching 4 new people a day and campaign "big" the same 20
 * people every day, Monday 2026-11-16 to Sunday 2026-11-22, k = 11.
 */
class GoldReleaseTest {
  private static final int K = 11;
  private static final LocalDate MONDAY = LocalDate.parse("2026-11-16");
  private static final StructType OUTCOMES = StructType.fromDDL(
      "client STRING, campaign STRING, template STRING, phone_number_id STRING, local_date DATE, user_id STRING, is_delivered BOOLEAN,"
          + " is_read BOOLEAN, is_failed BOOLEAN, is_replied BOOLEAN, is_clicked BOOLEAN, purchases BIGINT,"
          + " revenue DECIMAL(18,2), currencies ARRAY<STRING>, seconds_to_read DOUBLE, seconds_to_reply DOUBLE,"
          + " cost DECIMAL(18,4), cost_currency STRING");
  private static final StructType CONVERSATIONS = StructType.fromDDL(
      "client STRING, phone_number_id STRING, pricing_category STRING, period STRING, period_start DATE, messages BIGINT,"
          + " billable_messages BIGINT, sessions BIGINT, users BIGINT, recipients BIGINT, session_users BIGINT, cost DECIMAL(18,4),"
          + " cost_currency STRING");
  private static final StructType ADS = StructType.fromDDL(
      "client STRING, referral_source_id STRING, period STRING, period_start DATE, referral_source_type STRING, headline STRING,"
          + " conversations_started BIGINT, replied BIGINT, converted BIGINT, revenue DECIMAL(18,2), revenue_currency STRING,"
          + " users BIGINT, buyers BIGINT");

  private static Row message(String client, String campaign, LocalDate day, String user, boolean bought, boolean replied) {
    return message(client, campaign, campaign + "_v1", day, user, bought, replied);
  }

  private static Row message(String client, String campaign, String template, LocalDate day, String user, boolean bought, boolean replied) {
    return RowFactory.create(client, campaign, template, "PHONE", Date.valueOf(day), user, true, true, false, replied, false,
        bought ? 1L : 0L, bought ? new BigDecimal("50.00") : null, bought ? List.of("BRL") : null, 60.0, replied ? 120.0 : null,
        new BigDecimal("0.0625"), "USD");
  }

  /** Campaign "small": 4 new people a day (28 in the week); "big": the same 20 people every day. */
  private static List<Row> attack() {
    List<Row> rows = new ArrayList<>();
    for (int day = 0; day < 7; day++) {
      for (int i = 0; i < 4; i++) {
        rows.add(message("shop", "small", MONDAY.plusDays(day), "small-" + day + "-" + i, false, false));
      }
      for (int i = 0; i < 20; i++) {
        rows.add(message("shop", "big", MONDAY.plusDays(day), "big-" + i, false, false));
      }
    }
    return rows;
  }

  private static GoldRelease.Released release(List<Row> outcomes) {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> rows = spark.createDataFrame(outcomes, OUTCOMES);
    GoldRelease.Tables computed = new GoldRelease.Tables(Funnels.campaignFunnel(rows), Funnels.templateFunnel(rows), Funnels.numberFunnel(rows),
        spark.createDataFrame(List.of(), CONVERSATIONS), spark.createDataFrame(List.of(), ADS));
    return new GoldRelease(spark, K, line -> { }).release(computed, RecomputePlan.from(MONDAY, true), Map.of());
  }

  /** Released rows by "table member period start". */
  private static Map<String, Row> byKey(GoldRelease.Released released) {
    Map<String, Row> rows = new HashMap<>();
    for (Row r : released.tables().campaignFunnel().collectAsList()) {
      rows.put("campaign " + r.getAs("campaign") + " " + r.getAs("period") + " " + r.getAs("period_start"), r);
    }
    for (Row r : released.tables().templateFunnel().collectAsList()) {
      rows.put("template " + r.getAs("template") + " " + r.getAs("period") + " " + r.getAs("period_start"), r);
    }
    for (Row r : released.tables().numberFunnel().collectAsList()) {
      rows.put("number " + r.getAs("phone_number_id") + " " + r.getAs("period") + " " + r.getAs("period_start"), r);
    }
    return rows;
  }

  @Test
  void primarySuppressionAloneLeavesEverySmallDayOneSubtractionAway() {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> rows = spark.createDataFrame(attack(), OUTCOMES);
    List<GoldCell> cells = new ArrayList<>();
    for (Row r : Funnels.campaignFunnel(rows).collectAsList()) {
      cells.add(GoldRows.computed(GoldTable.CAMPAIGN_FUNNEL, r, K, c -> false, Map.of()));
    }
    for (Row r : Funnels.numberFunnel(rows).collectAsList()) {
      cells.add(GoldRows.computed(GoldTable.NUMBER_FUNNEL, r, K, c -> false, Map.of()));
    }
    List<Finding> findings = new DisclosureAudit(K).audit(ReleaseModel.of(cells).release());
    // Each of the 7 small days' message counts is the number's day minus the big campaign's: an
    // interval of width 0. sent, delivered and read are 4 each, and their cost 0.25: 28 findings.
    // failed, replied and clicked are 0, which gives nobody away (nobody contributed), so they
    // are no finding.
    assertEquals(28, findings.size(), findings.toString());
    for (Finding finding : findings) {
      assertEquals("small", finding.figure().cell().member());
      assertEquals("day", finding.figure().cell().period());
      assertEquals(0.0, finding.width(), 1e-9);
    }
    assertEquals(4.0, findings.stream().filter(f -> f.figure().measure().equals("sent")).findFirst().orElseThrow().lower(), 1e-9);
  }

  @Test
  void releasedGoldRevealsNoWithheldFigureAndKeepsTheWeeksAndTheCampaignRows() {
    GoldRelease.Released released = release(attack());
    Map<String, Row> rows = byKey(released);
    assertTrue(released.outcome().auditPassed());
    for (int day = 0; day < 7; day++) {
      Row small = rows.get("campaign small day " + MONDAY.plusDays(day));
      assertNull(small.getAs("sent"), "4 people a day: withheld");
      assertTrue(small.<scala.collection.Seq<String>>getAs("withheld").contains("sent"));
      // The number's day is the total a small day hides behind: withheld instead of the big
      // campaign's row, which an agency sells.
      assertNull(rows.get("number PHONE day " + MONDAY.plusDays(day)).getAs("sent"));
      assertEquals(20L, (long) rows.get("campaign big day " + MONDAY.plusDays(day)).<Long>getAs("sent"));
    }
    // The week's people: 28 new people for "small" (4 a day), 20 for "big" (the same each day).
    Row smallWeek = rows.get("campaign small week " + MONDAY);
    assertEquals(28L, (long) smallWeek.<Long>getAs("users"));
    assertEquals(28L, (long) smallWeek.<Long>getAs("sent"));
    assertFalse(smallWeek.<Boolean>getAs("suppressed"));
    assertEquals(20L, (long) rows.get("campaign big week " + MONDAY).<Long>getAs("users"));
    assertEquals(140L, (long) rows.get("campaign big week " + MONDAY).<Long>getAs("sent"));
    assertEquals(168L, (long) rows.get("number PHONE week " + MONDAY).<Long>getAs("sent"));
    assertEquals(168L, (long) rows.get("number PHONE month 2026-11-01").<Long>getAs("sent"));
    // Nobody bought: converted is a published zero, not a withheld figure.
    assertEquals(0L, (long) rows.get("campaign small day " + MONDAY).<Long>getAs("converted"));
  }

  @Test
  void noWithheldFigureEqualsPublishedOnesAddedAndSubtracted() {
    Map<String, Row> rows = byKey(release(attack()));
    // Independent of the engine: every relation a reader knows, and whether it leaves exactly
    // one unknown. Weeks and months are sums of days; in each period campaigns sum to numbers.
    List<List<String>> relations = new ArrayList<>();
    for (String member : List.of("campaign small", "campaign big", "number PHONE")) {
      List<String> week = new ArrayList<>(List.of(member + " week " + MONDAY));
      List<String> month = new ArrayList<>(List.of(member + " month 2026-11-01"));
      for (int day = 0; day < 7; day++) {
        week.add(member + " day " + MONDAY.plusDays(day));
        month.add(member + " day " + MONDAY.plusDays(day));
      }
      relations.add(week);
      relations.add(month);
    }
    for (int day = 0; day < 7; day++) {
      String period = "day " + MONDAY.plusDays(day);
      relations.add(List.of("campaign small " + period, "campaign big " + period, "number PHONE " + period));
    }
    for (String period : List.of("week " + MONDAY, "month 2026-11-01")) {
      relations.add(List.of("campaign small " + period, "campaign big " + period, "number PHONE " + period));
    }
    for (String measure : List.of("sent", "delivered", "read", "failed", "replied", "clicked", "cost")) {
      for (List<String> relation : relations) {
        long unknowns = relation.stream().filter(key -> rows.get(key).isNullAt(rows.get(key).fieldIndex(measure))).count();
        assertTrue(unknowns != 1, measure + " of " + relation + " is one subtraction away");
      }
    }
  }

  @Test
  void aSmallTemplateIsNoSubtractionAwayFromItsCampaign() {
    // One campaign, two templates, by the week (template_funnel has no day rows): "short" reaches
    // 4 people on the Monday, "long" the same 20 every day. The campaign's week (24 people) is
    // the total the short template's week hides behind, as a number's is for a small campaign.
    List<Row> outcomes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      outcomes.add(message("shop", "promo", "short", MONDAY, "short-" + i, false, false));
    }
    for (int day = 0; day < 7; day++) {
      for (int i = 0; i < 20; i++) {
        outcomes.add(message("shop", "promo", "long", MONDAY.plusDays(day), "long-" + i, false, false));
      }
    }
    GoldRelease.Released released = release(outcomes);
    Map<String, Row> rows = byKey(released);
    assertTrue(released.outcome().auditPassed());
    assertFalse(rows.containsKey("template short day " + MONDAY), "no day rows of templates");
    assertNull(rows.get("template short week " + MONDAY).getAs("sent"), "4 people: withheld");
    // The long template's week is withheld to protect it, not the campaign's, which an agency sells.
    assertEquals(144L, (long) rows.get("campaign promo week " + MONDAY).<Long>getAs("sent"));
    assertEquals(24L, (long) rows.get("campaign promo day " + MONDAY).<Long>getAs("sent"));
    for (String period : List.of("week " + MONDAY, "month 2026-11-01")) {
      List<String> relation = List.of("template short " + period, "template long " + period, "campaign promo " + period);
      for (String measure : List.of("sent", "delivered", "read", "cost")) {
        long unknowns = relation.stream().filter(key -> rows.get(key).isNullAt(rows.get(key).fieldIndex(measure))).count();
        assertTrue(unknowns != 1, measure + " of " + relation + " is one subtraction away");
      }
    }
  }

  @Test
  void everyFigureNeedsKOfItsOwnPeople() {
    // One client, one campaign, one day: 11 recipients (the message counts show), 10 buyers
    // (conversions and revenue withheld), 11 readers (read times show), 10 repliers (reply
    // times withheld). Day, week and month hold the same people, so nothing else is withheld.
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      rows.add(message("solo", "only", MONDAY, "solo-" + i, i < 10, i < 10));
    }
    GoldRelease.Released released = release(rows);
    for (Row r : released.tables().campaignFunnel().collectAsList()) {
      assertEquals(11L, (long) r.<Long>getAs("sent"), r.toString());
      assertNull(r.getAs("converted"));
      assertNull(r.getAs("revenue"));
      assertNull(r.getAs("revenue_currency"));
      assertNull(r.getAs("median_seconds_to_reply"));
      assertEquals(60.0, r.<Double>getAs("median_seconds_to_read"), 1e-9);
      assertNull(r.getAs("conversion_rate"), "a rate over a withheld part is withheld");
      assertEquals(List.of("converted", "conversions", "revenue", "median_seconds_to_reply", "p90_seconds_to_reply", "conversion_rate",
              "cost_per_conversion", "return_on_spend"),
          scala.collection.JavaConverters.seqAsJavaList(r.<scala.collection.Seq<String>>getAs("withheld")));
    }
    assertEquals(0, released.outcome().withheldComplementary());
  }

  @Test
  void anAuditOfThePublishedTablesFindsNothing() {
    GoldRelease.Released released = release(attack());
    java.util.Set<String> sensitive = new java.util.HashSet<>();
    for (GoldCell cell : released.cells()) {
      cell.sensitiveFamilies().forEach(f -> sensitive.add(
          SensitiveCells.key(cell.client(), cell.table().tableName(), cell.member(), cell.period(), cell.periodStart().toString(), f)));
    }
    assertTrue(sensitive.size() > 0, "the attack set has families below k");
    List<GoldCell> published = new ArrayList<>();
    for (GoldTable table : List.of(GoldTable.CAMPAIGN_FUNNEL, GoldTable.NUMBER_FUNNEL)) {
      Dataset<Row> rows = table == GoldTable.CAMPAIGN_FUNNEL ? released.tables().campaignFunnel() : released.tables().numberFunnel();
      for (Row r : rows.collectAsList()) {
        published.add(GoldRows.published(table, r, family -> sensitive.contains(SensitiveCells.key(r.getAs("client"), table.tableName(),
            GoldRows.member(table, r), r.getAs("period"), r.getAs("period_start").toString(), family))));
      }
    }
    List<Finding> findings = new DisclosureAudit(K).audit(ReleaseModel.of(published).release());
    assertEquals(List.of(), findings);
  }
}

package io.conversa.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.testing.CliRun;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden numbers for gold: {@code conversa run} on the 28 hand-written webhook bodies of
 * {@code golden/funnel-webhooks.jsonl}, every expected figure computed by hand from them under
 * SPEC section 3, the reasoning beside it.
 *
 * <p>One WABA {@value #CLIENT} (the client: no --config) with two lines: PHONE_1 {@value
 * #PHONE_1} and PHONE_2 {@value #PHONE_2}. Five users: Ana (…0001), Bruno (…0002), Carla
 * (…0003), Diego (…0004), Elisa (…0005). Times are UTC; D1 = 2026-11-16, D2 = 2026-11-17,
 * D3 = 2026-11-18, D4 = 2026-11-19. The client has no time zone configured: its days are UTC
 * days. D1 is a Monday: every message falls in the ISO week W = 2026-11-16 and the month M =
 * 2026-11-01, so each member of gold has a row per day it was active, one week row and one
 * month row (the same figures as its week's).
 *
 * <pre>
 * outbound   user   line     campaign  statuses (UTC)
 * OUT1 Ana    PHONE_1  spring  sent D1 10:00:00, delivered 10:00:30, read 10:05:00
 *                              lines: read, then delivered (twice, the same line), then sent;
 *                              the read arrives again batched with OUT3's read
 * OUT2 Bruno  PHONE_1  spring  sent D1 10:00:00, failed 10:00:05 (131049) -> failed
 * OUT3 Carla  PHONE_1  spring  sent D1 10:00:00, failed 10:00:10 (131026), delivered 10:02:00,
 *                              read 10:20:00 -> delivered and read, not failed
 * OUT4 Diego  PHONE_1  spring  sent D1 10:00:00, delivered 10:00:20
 * OUT5 Ana    PHONE_1  summer  sent D2 09:00:00, delivered 09:00:10, read 09:10:00
 * OUT6 Carla  PHONE_1  summer  (no sent status) delivered D2 09:00:40, read 09:05:40
 *                              -> sent_at = 09:00:40, the earliest status
 * OUT7 Bruno  PHONE_1  (none)  sent D2 15:00:00, delivered 15:00:05, read 15:30:00 (utility)
 * OUT8 Elisa  PHONE_2  (none)  sent D2 20:05:00, delivered 20:05:03, read 20:07:00
 *                              (referral_conversion, free entry point: not billable)
 *
 * inbound
 * IN1 Carla  PHONE_1  D1 10:30:00  button "BUY", context OUT3
 * IN2 Ana    PHONE_1  D1 11:00:00  text
 * IN3 Bruno  PHONE_1  D1 12:00:00  text (after his failed OUT2)
 * IN4 Ana    PHONE_1  D2 09:20:00  interactive button_reply, context OUT5
 * IN5 Diego  PHONE_1  D2 16:00:00  text, 30 h after OUT4
 * IN6 Bruno  PHONE_1  D2 18:00:00  order 1 x "120.00" = 120.00 BRL
 * IN7 Elisa  PHONE_2  D2 20:00:00  text with referral: ad 120215550000001 "Black Friday: 30% off"
 * IN8 Ana    PHONE_1  D3 14:00:00  order "2" x 10.50 + 1 x "39.90" + 3 x 5 = 21.00 + 39.90 + 15.00 = 75.90 BRL
 * IN9 Elisa  PHONE_2  D4 10:00:00  order 2 x 49.95 = 99.90 BRL
 * </pre>
 *
 * Purchases by last touch (a non-failed message with a campaign, same user and WABA, in the 7 days
 * before the order, the latest wins):
 *
 * <ul>
 *   <li>IN8 (Ana, D3 14:00): candidates OUT1 (spring, D1 10:00) and OUT5 (summer, D2 09:00): OUT5,
 *       the later, takes 75.90; OUT1 takes nothing.
 *   <li>IN6 (Bruno, D2 18:00): OUT2 failed, OUT7 has no campaign: nobody is credited.
 *   <li>IN9 (Elisa, D4 10:00): OUT8 has no campaign: nobody is credited; the ad takes it.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunnelGoldenIT {
  /** The WABA id of every entry: the client when no --config names one. */
  private static final String CLIENT = "104523987612345";
  private static final String PHONE_1 = "110200345678901";
  private static final String PHONE_2 = "110200345678902";
  private static final String D1 = "DATE'2026-11-16'";
  private static final String D2 = "DATE'2026-11-17'";
  private static final String D3 = "DATE'2026-11-18'";
  private static final String D4 = "DATE'2026-11-19'";
  /** The ISO week (from Monday) and the month of D1..D4. */
  private static final String W = "DATE'2026-11-16'";
  private static final String M = "DATE'2026-11-01'";
  private static final String DAY = "day";
  private static final String WEEK = "week";
  private static final String MONTH = "month";
  private static final List<String> MESSAGE_COUNTS = List.of("users", "sent", "delivered", "read", "failed", "replied", "clicked");
  private static final List<String> BUYER_FIGURES = List.of("converted", "conversions", "revenue");
  private static final List<String> READ_TIMES = List.of("median_seconds_to_read", "p90_seconds_to_read");
  private static final List<String> REPLY_TIMES = List.of("median_seconds_to_reply", "p90_seconds_to_reply");
  private static final List<String> RATES = List.of("delivery_rate", "read_rate", "reply_rate", "click_rate", "conversion_rate");
  /** The recipients' family: the message counts and what the messages cost. */
  private static final List<String> RECIPIENT_FIGURES = concat(MESSAGE_COUNTS, List.of("cost"));
  /** Every rate, the money ones too: withheld whenever a figure they divide is. */
  private static final List<String> ALL_RATES = concat(RATES, List.of("cost_per_delivered", "cost_per_conversion", "return_on_spend"));
  private static final double EXACT = 1e-9;

  @TempDir static Path dir;
  private SparkSession spark;
  private Path input;
  private String keyFile;
  private String lake;
  private CliRun run;

  @BeforeAll
  void runThePipelineOnce() throws IOException {
    spark = SharedSpark.session();
    input = dir.resolve("input");
    Files.createDirectories(input);
    try (InputStream in = FunnelGoldenIT.class.getResourceAsStream("/golden/funnel-webhooks.jsonl")) {
      Files.write(input.resolve("webhooks-2026-11.jsonl"), in.readAllBytes());
    }
    keyFile = TestKeys.keyFile(dir, "golden").toString();
    lake = dir.resolve("lake").toString();
    run = CliRun.of("run", "--input", input.toString(), "--lake", lake, "--key-file", keyFile, "--min-group-size", "1");
    assertEquals(0, run.exitCode(), run.all());
  }

  @Test
  @Order(1)
  void duplicatesAndOutOfOrderStatusesAreStoredOnce() {
    // 28 lines, the OUT1 delivered line twice: 27 bodies.
    assertEquals(27, table(lake, "bronze/webhook_events").count());
    // Statuses once per message and stage: OUT1 3 (its read came twice), OUT2 2, OUT3 4, OUT4 2,
    // OUT5 3, OUT6 2 (no sent), OUT7 3, OUT8 3 = 22.
    assertEquals(22, table(lake, "silver/statuses").count());
    // Furthest stage: read OUT1, OUT3, OUT5, OUT6, OUT7, OUT8; delivered OUT4; failed OUT2.
    assertEquals(Map.of("read", 6L, "delivered", 1L, "failed", 1L), countsBy(table(lake, "silver/outbound_messages"), "status"));
    assertEquals(9, table(lake, "silver/messages").count(), "IN1..IN9");
    assertEquals(3, table(lake, "silver/conversions").count(), "the orders IN6, IN8, IN9");
    assertTrue(run.out().contains("quality checks passed"), run.out());
  }

  @Test
  @Order(2)
  void springCountsFailuresRepliesOutsideTheWindowAndAButtonClick() {
    // spring D1, summer D2, (none) D2: a day, a week and a month row each.
    assertEquals(9, gold(lake, "campaign_funnel").count());
    assertEquals(3, gold(lake, "campaign_funnel").filter("period = 'day'").count(), "spring D1, summer D2, (none) D2");
    Row spring = campaignRow(lake, "spring", D1);
    assertNothingWithheld(spring);
    assertCount(4, spring, "users"); // Ana, Bruno, Carla, Diego
    assertCount(4, spring, "sent"); // OUT1..OUT4, OUT1 once for its 4 status lines
    assertCount(3, spring, "delivered"); // OUT1, OUT3 (delivered outranks its failed), OUT4
    assertCount(2, spring, "read"); // OUT1, OUT3
    assertCount(1, spring, "failed"); // OUT2 only: OUT3 was delivered after failing
    // OUT1: IN2 at +1 h. OUT3: IN1 (the button) at +30 min. OUT2 failed: IN3 does not count.
    // OUT4: IN5 came 30 h later, outside the 24 h window.
    assertCount(2, spring, "replied");
    assertCount(1, spring, "clicked"); // OUT3 by IN1's button
    // Ana's order IN8 goes to OUT5 (summer, later); Bruno's IN6 cannot go to the failed OUT2.
    assertCount(0, spring, "converted");
    assertCount(0, spring, "conversions");
    assertMoney("0.00", spring, "revenue");
    assertNullAt(spring, "revenue_currency");
    // Cost, by the shipped card: the 3 delivered marketing messages to Brazil at US$0.0625 (from
    // 2026-10-01); the failed OUT2 is not charged. No conversion: no cost per conversion.
    assertMoney("0.1875", spring, "cost");
    assertEquals("USD", spring.getString(spring.fieldIndex("cost_currency")));
    assertMoney("0.0625", spring, "cost_per_delivered");
    assertNullAt(spring, "cost_per_conversion");
    assertNullAt(spring, "return_on_spend");
    assertRatio(3.0 / 4, spring, "delivery_rate");
    assertRatio(2.0 / 3, spring, "read_rate");
    assertRatio(2.0 / 3, spring, "reply_rate");
    assertRatio(1.0 / 3, spring, "click_rate");
    assertRatio(0.0 / 3, spring, "conversion_rate");
    // Seconds to read: OUT1 10:05:00 - 10:00:00 = 300, OUT3 10:20:00 - 10:00:00 = 1200.
    // median = 300 + 0.5 * 900 = 750; p90 = 300 + 0.9 * 900 = 1110.
    assertRatio(750, spring, "median_seconds_to_read");
    assertRatio(1110, spring, "p90_seconds_to_read");
    // Seconds to first reply: OUT3 1800 (IN1), OUT1 3600 (IN2; IN4 at +23h20 is later).
    // median = 1800 + 0.5 * 1800 = 2700; p90 = 1800 + 0.9 * 1800 = 3420.
    assertRatio(2700, spring, "median_seconds_to_reply");
    assertRatio(3420, spring, "p90_seconds_to_reply");
  }

  @Test
  @Order(3)
  void theLaterCampaignTakesTheWholeOrderByLastTouch() {
    Row summer = campaignRow(lake, "summer", D2);
    assertNothingWithheld(summer);
    assertCount(2, summer, "users"); // Ana, Carla
    assertCount(2, summer, "sent"); // OUT5, OUT6 (counted though its sent status never came)
    assertCount(2, summer, "delivered");
    assertCount(2, summer, "read");
    assertCount(0, summer, "failed");
    assertCount(1, summer, "replied"); // OUT5 by IN4 at +20 min; Carla never wrote after OUT6
    assertCount(1, summer, "clicked"); // OUT5 by IN4's interactive button_reply
    // IN8 (D3 14:00) is 29 h after OUT5 and 52 h after OUT1: both in the 7 days, OUT5 is later.
    assertCount(1, summer, "converted");
    assertCount(1, summer, "conversions");
    // 2 x 10.50 + 1 x 39.90 + 3 x 5 = 21.00 + 39.90 + 15.00 = 75.90 (strings and numbers alike).
    assertMoney("75.90", summer, "revenue");
    assertEquals("BRL", summer.getString(summer.fieldIndex("revenue_currency")));
    assertRatio(2.0 / 2, summer, "delivery_rate");
    assertRatio(2.0 / 2, summer, "read_rate");
    assertRatio(1.0 / 2, summer, "reply_rate");
    assertRatio(1.0 / 2, summer, "click_rate");
    assertRatio(1.0 / 2, summer, "conversion_rate");
    // Seconds to read: OUT5 09:10:00 - 09:00:00 = 600; OUT6 09:05:40 - 09:00:40 = 300.
    // median = 300 + 0.5 * 300 = 450; p90 = 300 + 0.9 * 300 = 570.
    assertRatio(450, summer, "median_seconds_to_read");
    assertRatio(570, summer, "p90_seconds_to_read");
    assertRatio(1200, summer, "median_seconds_to_reply"); // OUT5 only: 09:20:00 - 09:00:00
    assertRatio(1200, summer, "p90_seconds_to_reply");
  }

  @Test
  @Order(4)
  void messagesWithoutACampaignTakeNoCreditForTheOrdersAfterThem() {
    Row none = campaignRow(lake, "(none)", D2);
    assertNothingWithheld(none);
    assertCount(2, none, "users"); // Bruno (OUT7), Elisa (OUT8)
    assertCount(2, none, "sent");
    assertCount(2, none, "delivered");
    assertCount(2, none, "read");
    assertCount(0, none, "failed");
    // OUT7 (15:00): Bruno's order IN6 at 18:00 is a reply. OUT8 (20:05): Elisa's next message,
    // IN9, is 37 h 55 min later.
    assertCount(1, none, "replied");
    assertCount(0, none, "clicked");
    // Bruno ordered 3 h after OUT7 and Elisa 37 h after OUT8: neither message has a campaign.
    assertCount(0, none, "converted");
    assertCount(0, none, "conversions");
    assertMoney("0.00", none, "revenue");
    assertNullAt(none, "revenue_currency");
    assertRatio(1.0, none, "delivery_rate");
    assertRatio(1.0, none, "read_rate");
    assertRatio(1.0 / 2, none, "reply_rate");
    assertRatio(0.0, none, "click_rate");
    assertRatio(0.0, none, "conversion_rate");
    // Seconds to read: OUT8 20:07:00 - 20:05:00 = 120; OUT7 15:30:00 - 15:00:00 = 1800.
    // median = 120 + 0.5 * 1680 = 960; p90 = 120 + 0.9 * 1680 = 1632.
    assertRatio(960, none, "median_seconds_to_read");
    assertRatio(1632, none, "p90_seconds_to_read");
    assertRatio(10800, none, "median_seconds_to_reply"); // OUT7 only: 18:00 - 15:00
    assertRatio(10800, none, "p90_seconds_to_reply");
  }

  @Test
  @Order(5)
  void theNumberFunnelSumsEveryMessageOfAPhoneNumberAndDay() {
    // Days: PHONE_1 D1, PHONE_1 D2, PHONE_2 D2; then a week and a month row of each number.
    assertEquals(7, gold(lake, "number_funnel").count());
    assertEquals(3, gold(lake, "number_funnel").filter("period = 'day'").count(), "PHONE_1 D1, PHONE_1 D2, PHONE_2 D2");

    // PHONE_1, D1: OUT1..OUT4, the very messages of spring D1.
    Row d1 = dailyRow(lake, PHONE_1, D1);
    assertCount(4, d1, "users");
    assertCount(4, d1, "sent");
    assertCount(3, d1, "delivered");
    assertCount(2, d1, "read");
    assertCount(1, d1, "failed");
    assertCount(2, d1, "replied");
    assertCount(1, d1, "clicked");
    assertCount(0, d1, "converted");
    assertMoney("0.00", d1, "revenue");
    assertRatio(3.0 / 4, d1, "delivery_rate");
    assertRatio(750, d1, "median_seconds_to_read");
    assertRatio(1110, d1, "p90_seconds_to_read");

    // PHONE_1, D2: OUT5 (summer, Ana), OUT6 (summer, Carla), OUT7 (no campaign, Bruno).
    Row d2 = dailyRow(lake, PHONE_1, D2);
    assertNothingWithheld(d2);
    assertCount(3, d2, "users");
    assertCount(3, d2, "sent");
    assertCount(3, d2, "delivered");
    assertCount(3, d2, "read");
    assertCount(0, d2, "failed");
    assertCount(2, d2, "replied"); // OUT5 (IN4), OUT7 (IN6)
    assertCount(1, d2, "clicked"); // OUT5
    assertCount(1, d2, "converted"); // OUT5, IN8
    assertCount(1, d2, "conversions");
    assertMoney("75.90", d2, "revenue");
    assertEquals("BRL", d2.getString(d2.fieldIndex("revenue_currency")));
    assertRatio(1.0, d2, "delivery_rate");
    assertRatio(1.0, d2, "read_rate");
    assertRatio(2.0 / 3, d2, "reply_rate");
    assertRatio(1.0 / 3, d2, "click_rate");
    assertRatio(1.0 / 3, d2, "conversion_rate");
    // Seconds to read, sorted: 300 (OUT6), 600 (OUT5), 1800 (OUT7).
    // median = 600; p90: position 0.9 * 2 = 1.8 -> 600 + 0.8 * 1200 = 1560.
    assertRatio(600, d2, "median_seconds_to_read");
    assertRatio(1560, d2, "p90_seconds_to_read");
    // Seconds to reply: 1200 (OUT5), 10800 (OUT7): median 6000; p90 = 1200 + 0.9 * 9600 = 9840.
    assertRatio(6000, d2, "median_seconds_to_reply");
    assertRatio(9840, d2, "p90_seconds_to_reply");

    // PHONE_2, D2: OUT8 alone, Elisa's answer to the ad.
    Row phone2 = dailyRow(lake, PHONE_2, D2);
    assertCount(1, phone2, "users");
    assertCount(1, phone2, "sent");
    assertCount(1, phone2, "delivered");
    assertCount(1, phone2, "read");
    assertCount(0, phone2, "failed");
    assertCount(0, phone2, "replied");
    assertCount(0, phone2, "clicked");
    assertCount(0, phone2, "converted");
    assertMoney("0.00", phone2, "revenue");
    assertRatio(0.0, phone2, "reply_rate");
    assertRatio(120, phone2, "median_seconds_to_read");
    assertRatio(120, phone2, "p90_seconds_to_read");
    assertNullAt(phone2, "median_seconds_to_reply"); // no reply: no time to reply
  }

  @Test
  @Order(5)
  void aNumbersWeekCountsItsPeopleOnceAndAddsUpItsMessages() {
    // PHONE_1's week W: OUT1..OUT7, D1 and D2 together. The messages add up (D1 + D2); users is
    // the distinct count over the week: Ana, Bruno, Carla, Diego = 4, not 4 + 3 = 7.
    Row week = numberRow(lake, PHONE_1, WEEK, W);
    assertNothingWithheld(week);
    assertCount(4, week, "users");
    assertCount(7, week, "sent"); // 4 + 3
    assertCount(6, week, "delivered"); // 3 + 3
    assertCount(5, week, "read"); // 2 + 3
    assertCount(1, week, "failed"); // 1 + 0
    assertCount(4, week, "replied"); // 2 + 2
    assertCount(2, week, "clicked"); // 1 + 1
    assertCount(1, week, "converted"); // 0 + 1
    assertCount(1, week, "conversions");
    assertMoney("75.90", week, "revenue");
    assertEquals("BRL", week.getString(week.fieldIndex("revenue_currency")));
    assertRatio(6.0 / 7, week, "delivery_rate");
    assertRatio(5.0 / 6, week, "read_rate");
    assertRatio(4.0 / 6, week, "reply_rate");
    assertRatio(2.0 / 6, week, "click_rate");
    assertRatio(1.0 / 6, week, "conversion_rate");
    // Percentiles are over the week's messages, not of the days' percentiles. Seconds to read,
    // sorted: 300 (OUT1), 300 (OUT6), 600 (OUT5), 1200 (OUT3), 1800 (OUT7): median 600;
    // p90 at 0.9 * 4 = 3.6 -> 1200 + 0.6 * 600 = 1560.
    assertRatio(600, week, "median_seconds_to_read");
    assertRatio(1560, week, "p90_seconds_to_read");
    // Seconds to reply: 1200 (OUT5), 1800 (OUT3), 3600 (OUT1), 10800 (OUT7): median at 1.5 ->
    // 1800 + 0.5 * 1800 = 2700; p90 at 2.7 -> 3600 + 0.7 * 7200 = 8640.
    assertRatio(2700, week, "median_seconds_to_reply");
    assertRatio(8640, week, "p90_seconds_to_reply");
    // D1..D4 are all in November: the month row holds the very figures of the week row.
    assertEquals(figures(week), figures(numberRow(lake, PHONE_1, MONTH, M)));
    // PHONE_2 sent only on D2: its week and month rows are its D2 row.
    assertEquals(figures(dailyRow(lake, PHONE_2, D2)), figures(numberRow(lake, PHONE_2, WEEK, W)));
    assertEquals(figures(dailyRow(lake, PHONE_2, D2)), figures(numberRow(lake, PHONE_2, MONTH, M)));
    // Each campaign sent on one day only: its week row is that day's row.
    assertEquals(figures(campaignRow(lake, "spring", D1)), figures(campaignRow(lake, "spring", WEEK, W)));
    assertEquals(figures(campaignRow(lake, "summer", D2)), figures(campaignRow(lake, "summer", WEEK, W)));
    assertEquals(figures(campaignRow(lake, "(none)", D2)), figures(campaignRow(lake, "(none)", MONTH, M)));
  }

  @Test
  @Order(5)
  void atKOneEveryWeekRowIsTheSumOfItsDaysForEveryAdditiveFigure() {
    Map<String, List<String>> additive = Map.of(
        "campaign_funnel", List.of("sent", "delivered", "read", "failed", "replied", "clicked", "converted", "conversions", "revenue"),
        "number_funnel", List.of("sent", "delivered", "read", "failed", "replied", "clicked", "converted", "conversions", "revenue"),
        "conversations", List.of("messages", "billable_messages", "sessions"),
        "ad_referrals", List.of("conversations_started", "replied", "converted", "revenue"));
    Map<String, String> members = Map.of("campaign_funnel", "campaign", "number_funnel", "phone_number_id",
        "conversations", "phone_number_id, pricing_category", "ad_referrals", "referral_source_id");
    for (var table : additive.entrySet()) {
      String name = table.getKey();
      gold(lake, name).createOrReplaceTempView("golden_" + name);
      String sums = String.join(", ", table.getValue().stream().map(f -> "sum(" + f + ") AS " + f).toList());
      String figures = String.join(", ", table.getValue());
      String keys = "client, " + members.get(name);
      // Days summed per member, against the week rows: the difference either way is empty.
      String days = "SELECT " + keys + ", " + sums + " FROM golden_" + name + " WHERE period = 'day' GROUP BY " + keys;
      String weeks = "SELECT " + keys + ", " + figures + " FROM golden_" + name + " WHERE period = 'week' AND period_start = " + W;
      assertEquals(List.of(), spark.sql(days + " EXCEPT " + weeks).collectAsList(), name + ": days not matched by their week");
      assertEquals(List.of(), spark.sql(weeks + " EXCEPT " + days).collectAsList(), name + ": weeks not matched by their days");
      assertEquals(0, gold(lake, name).filter("suppressed OR size(withheld) > 0").count(), name + ": nothing is withheld at k = 1");
    }
  }

  @Test
  @Order(6)
  void anAdReferralIsAnsweredAndConvertsWithinTheWindow() {
    assertEquals(3, gold(lake, "ad_referrals").count(), "D2, its week and its month");
    Row ad = adRow(lake, DAY, D2);
    assertNothingWithheld(ad);
    assertEquals("ad", ad.getString(ad.fieldIndex("referral_source_type")));
    assertEquals("Black Friday: 30% off", ad.getString(ad.fieldIndex("headline")));
    assertCount(1, ad, "users"); // Elisa
    assertCount(1, ad, "conversations_started"); // IN7
    assertCount(1, ad, "replied"); // OUT8 from the same PHONE_2 at 20:05, 5 min after IN7
    assertCount(1, ad, "converted"); // IN9 at D4 10:00, 38 h after IN7: within 7 days
    assertMoney("99.90", ad, "revenue"); // 2 x 49.95
    assertEquals("BRL", ad.getString(ad.fieldIndex("revenue_currency")));
    assertRatio(1.0, ad, "conversion_rate");
    assertEquals(figures(ad), figures(adRow(lake, WEEK, W)));
    assertEquals(figures(ad), figures(adRow(lake, MONTH, M)));
  }

  @Test
  @Order(7)
  void conversationsCountPricedMessagesAndServiceSessionsPerNumber() {
    // Sessions: a user's message opens one when their previous message to that number is more
    // than 24 h older. Ana: IN2 (D1), IN4 (22h20 later: no), IN8 (28h40 after IN4: D3).
    // Bruno: IN3 (D1), IN6 (30 h later: D2). Carla: IN1 (D1). Diego: IN5 (D2).
    // Elisa on PHONE_2: IN7 (D2), IN9 (38 h later: D4).
    // Day rows: PHONE_1 marketing D1, D2, utility D2, service D1, D2, D3; PHONE_2
    // referral_conversion D2, service D2, D4 = 9. Week rows, one per number and category: PHONE_1
    // marketing, utility, service; PHONE_2 referral_conversion, service = 5; month rows the same 5.
    assertEquals(19, gold(lake, "conversations").count());
    assertEquals(9, gold(lake, "conversations").filter("period = 'day'").count());
    // OUT1..OUT4, each with a marketing / regular pricing on some status.
    assertConversations(PHONE_1, "marketing", DAY, D1, 4, 4, 4, 0);
    assertConversations(PHONE_1, "service", DAY, D1, 3, 0, 0, 3); // Ana, Bruno, Carla
    assertConversations(PHONE_1, "marketing", DAY, D2, 2, 2, 2, 0); // OUT5, OUT6
    assertConversations(PHONE_1, "utility", DAY, D2, 1, 1, 1, 0); // OUT7
    assertConversations(PHONE_2, "referral_conversion", DAY, D2, 1, 1, 0, 0); // OUT8, free_entry_point: not billable
    assertConversations(PHONE_1, "service", DAY, D2, 2, 0, 0, 2); // Bruno, Diego
    assertConversations(PHONE_2, "service", DAY, D2, 1, 0, 0, 1); // Elisa
    assertConversations(PHONE_1, "service", DAY, D3, 1, 0, 0, 1); // Ana
    assertConversations(PHONE_2, "service", DAY, D4, 1, 0, 0, 1); // Elisa
    // The week: messages and sessions add up over the days, users are counted once.
    // PHONE_1 marketing: OUT1..OUT6 = 4 + 2; Ana, Bruno, Carla, Diego = 4 users, not 4 + 2.
    assertConversations(PHONE_1, "marketing", WEEK, W, 4, 6, 6, 0);
    // PHONE_1 service: 3 + 2 + 1 sessions; Ana, Bruno, Carla, Diego = 4 users, not 3 + 2 + 1.
    assertConversations(PHONE_1, "service", WEEK, W, 4, 0, 0, 6);
    assertConversations(PHONE_1, "utility", WEEK, W, 1, 1, 1, 0);
    assertConversations(PHONE_2, "referral_conversion", WEEK, W, 1, 1, 0, 0);
    assertConversations(PHONE_2, "service", WEEK, W, 1, 0, 0, 2); // Elisa twice: D2 and D4
    assertConversations(PHONE_1, "service", MONTH, M, 4, 0, 0, 6);
  }

  @Test
  @Order(8)
  void atKEachFigureShowsFromKPeopleAndIsWithheldBelowAndWhereItWouldRevealOne() {
    // Runs after the k = 1 tests: rebuilds the shared lake's gold under another k, which takes --full.
    String lake2 = lake;
    CliRun atK = CliRun.of("aggregate", "--lake", lake2, "--key-file", keyFile, "--min-group-size", "4", "--full");
    assertEquals(0, atK.exitCode(), atK.all());
    assertTrue(atK.out().contains("aggregate: every period"), atK.out());
    // 344 figures (the k = 1 run publishes them all; cost is one more figure of each of the 35
    // funnel and conversations rows). Fewer than 4 people behind them, 213: campaign_funnel 93
    // (spring's 4 times x 3 periods; summer's 15 figures x 3; (none)'s 12 x 3), number_funnel 63
    // (PHONE_1 D1 4; PHONE_1 D2 15; PHONE_2's 10 x 3; PHONE_1 week and month 7 each: buyers,
    // readers, repliers), conversations 42 (35, and the cost of the 7 rows whose recipients are
    // fewer than 4), ad_referrals 15 (5 x 3). To protect them, 22: PHONE_1's week and month
    // message counts and cost (8 each) and PHONE_1's marketing week and month messages,
    // billable_messages and cost (3 each), reasoned out below. Cost goes with the messages it is
    // the price of: withheld with them, never alone. gold.template_funnel repeats campaign_funnel's
    // week and month rows (this log names no template: each campaign has one, "(none)"; templates
    // have no day rows), so its 90 figures add 28 published and 62 fewer than k (spring 8, summer
    // 30, (none) 24), and its rows need no more protection: 434.
    assertTrue(atK.out().contains("137 figures published, 297 withheld (275 fewer than k people, 22 to protect them),"
        + " every one proven protected (disclosure audit passed)"), atK.out());

    // spring: 4 recipients (Ana, Bruno, Carla, Diego), exactly k: its message counts show. No
    // buyer and nothing converted: converted, conversions and revenue are published as 0. Only 2
    // readers (Ana, Carla) and 2 repliers (Ana, Carla): its read and reply times are withheld.
    // It sent on D1 only: its week and month rows are the same.
    for (String[] period : List.of(new String[] {DAY, D1}, new String[] {WEEK, W}, new String[] {MONTH, M})) {
      Row spring = campaignRow(lake2, "spring", period[0], period[1]);
      assertWithheld(spring, concat(READ_TIMES, REPLY_TIMES));
      assertCount(4, spring, "users");
      assertCount(4, spring, "sent");
      assertCount(3, spring, "delivered");
      assertCount(2, spring, "read");
      assertCount(1, spring, "failed");
      assertCount(2, spring, "replied");
      assertCount(1, spring, "clicked");
      assertCount(0, spring, "converted");
      assertCount(0, spring, "conversions");
      assertMoney("0.00", spring, "revenue");
      assertNullAt(spring, "revenue_currency");
      assertRatio(3.0 / 4, spring, "delivery_rate");
      assertRatio(2.0 / 3, spring, "read_rate");
      assertRatio(2.0 / 3, spring, "reply_rate");
      assertRatio(1.0 / 3, spring, "click_rate");
      assertRatio(0.0, spring, "conversion_rate");
    }
    // summer: 2 recipients (Ana, Carla), 1 buyer (Ana), 2 readers, 1 replier (Ana): every figure
    // is withheld, revenue_currency with revenue, and every rate with its parts.
    Row summer = campaignRow(lake2, "summer", D2);
    assertWithheld(summer, concat(RECIPIENT_FIGURES, BUYER_FIGURES, READ_TIMES, REPLY_TIMES, ALL_RATES));
    assertNullAt(summer, "revenue_currency");
    assertEquals(figures(summer), figures(campaignRow(lake2, "summer", WEEK, W)));
    // (none): 2 recipients (Bruno, Elisa), 2 readers, 1 replier (Bruno): withheld. Nobody bought
    // after a message without a campaign: 0 converted from 0 buyers reveals nobody, shown as 0.
    // Every rate divides a withheld count (conversion_rate: converted / delivered).
    Row none = campaignRow(lake2, "(none)", D2);
    assertWithheld(none, concat(RECIPIENT_FIGURES, READ_TIMES, REPLY_TIMES, ALL_RATES));
    assertCount(0, none, "converted");
    assertCount(0, none, "conversions");
    assertMoney("0.00", none, "revenue");
    assertEquals(figures(none), figures(campaignRow(lake2, "(none)", MONTH, M)));

    // PHONE_1 D1 holds spring's messages: the same figures, the same withheld times.
    assertEquals(figures(campaignRow(lake2, "spring", D1), "campaign"), figures(dailyRow(lake2, PHONE_1, D1), "phone_number_id"));
    // PHONE_1 D2: 3 recipients (Ana, Carla, Bruno), 1 buyer (Ana), 3 readers, 2 repliers: all withheld.
    assertWithheld(dailyRow(lake2, PHONE_1, D2), concat(RECIPIENT_FIGURES, BUYER_FIGURES, READ_TIMES, REPLY_TIMES, ALL_RATES));
    // PHONE_2 (D2, and so its week and month): Elisa alone received and read OUT8; nobody bought
    // (0s shown) and nobody replied (no reply time: null, and nothing to withhold).
    for (String[] period : List.of(new String[] {DAY, D2}, new String[] {WEEK, W}, new String[] {MONTH, M})) {
      Row phone2 = numberRow(lake2, PHONE_2, period[0], period[1]);
      assertWithheld(phone2, concat(RECIPIENT_FIGURES, READ_TIMES, ALL_RATES));
      assertCount(0, phone2, "converted");
      assertMoney("0.00", phone2, "revenue");
      assertNullAt(phone2, "median_seconds_to_reply");
    }
    // PHONE_1's week: 4 recipients, as many as k, but 1 buyer, 3 readers, 3 repliers. Its
    // message counts would give PHONE_1 D2's away (sent 7 - D1's 4 = 3), so complementary
    // suppression withholds them too: the week rather than D1, whose figures spring D1 repeats
    // (withholding D1 would need spring's withheld as well). The month, the same sums, likewise.
    for (String[] period : List.of(new String[] {WEEK, W}, new String[] {MONTH, M})) {
      assertWithheld(numberRow(lake2, PHONE_1, period[0], period[1]), concat(RECIPIENT_FIGURES, BUYER_FIGURES, READ_TIMES, REPLY_TIMES, ALL_RATES));
    }

    // gold.conversations. PHONE_1 marketing D1: 4 users and recipients: nothing withheld.
    assertConversations(lake2, PHONE_1, "marketing", DAY, D1, 4L, 4L, 4L, 0L);
    // PHONE_1 marketing D2 (Ana, Carla) and utility D2 (Bruno): withheld; no session: 0.
    assertConversations(lake2, PHONE_1, "marketing", DAY, D2, null, null, null, 0L);
    assertConversations(lake2, PHONE_1, "utility", DAY, D2, null, null, null, 0L);
    // The marketing week: 4 users (Ana, Bruno, Carla, Diego), but its 6 messages less D1's 4
    // give D2's 2 away: withheld to protect them (D1's 4 also make up PHONE_1 D1's 4 sent).
    assertConversations(lake2, PHONE_1, "marketing", WEEK, W, 4L, null, null, 0L);
    assertConversations(lake2, PHONE_1, "marketing", MONTH, M, 4L, null, null, 0L);
    // Service sessions: 3, 2 and 1 on D1, D2, D3 from as many people: withheld. The week's 6
    // from 4 people show: the three withheld days add up to 6 in too many ways to tell one.
    assertConversations(lake2, PHONE_1, "service", DAY, D1, null, 0L, 0L, null);
    assertConversations(lake2, PHONE_1, "service", DAY, D3, null, 0L, 0L, null);
    assertConversations(lake2, PHONE_1, "service", WEEK, W, 4L, 0L, 0L, 6L);
    assertConversations(lake2, PHONE_2, "referral_conversion", WEEK, W, null, null, null, 0L);

    // The ad: Elisa alone started, was answered and bought: every figure withheld; which ad it
    // is (type, headline) still shows.
    for (String[] period : List.of(new String[] {DAY, D2}, new String[] {WEEK, W}, new String[] {MONTH, M})) {
      Row ad = adRow(lake2, period[0], period[1]);
      assertWithheld(ad, List.of("users", "conversations_started", "replied", "converted", "revenue", "conversion_rate"));
      assertNullAt(ad, "revenue_currency");
      assertEquals("Black Friday: 30% off", ad.getString(ad.fieldIndex("headline")));
    }

    // gold.releases records the run: its k and windows, and the counts above.
    Row release = table(lake2, "gold/releases").orderBy(org.apache.spark.sql.functions.col("released_at").desc()).first();
    assertEquals(4, release.getInt(release.fieldIndex("min_group_size")));
    assertEquals(24 * 3600L, release.getLong(release.fieldIndex("reply_window_seconds")));
    assertEquals(7 * 24 * 3600L, release.getLong(release.fieldIndex("attribution_window_seconds")));
    assertEquals(137L, release.getLong(release.fieldIndex("figures_published")));
    assertEquals(275L, release.getLong(release.fieldIndex("figures_withheld_primary")));
    assertEquals(22L, release.getLong(release.fieldIndex("figures_withheld_complementary")));
    assertTrue(release.getBoolean(release.fieldIndex("audit_passed")));

    // k = 5 on the same lake: spring's 4 recipients are one too few. What is left are the zeros
    // nobody contributed to (79: spring's and (none)'s buyer figures, 3 x 3 periods each;
    // PHONE_1 D1's and PHONE_2's 3 periods' buyer figures, 12; 28 zero sessions and messages of
    // gold.conversations, and the zero cost of its 9 rows without a message; and template_funnel's
    // 12 repeating campaign_funnel's weeks and months), and nothing needs protecting by complementary suppression.
    CliRun aboveK = CliRun.of("aggregate", "--lake", lake2, "--key-file", keyFile, "--min-group-size", "5", "--full");
    assertEquals(0, aboveK.exitCode(), aboveK.all());
    assertTrue(aboveK.out().contains("79 figures published, 355 withheld (355 fewer than k people, 0 to protect them)"), aboveK.out());
    Row withheld = campaignRow(lake2, "spring", D1);
    assertWithheld(withheld, concat(RECIPIENT_FIGURES, READ_TIMES, REPLY_TIMES, ALL_RATES));
    assertEquals(CLIENT, withheld.getString(withheld.fieldIndex("client")));
    assertEquals(java.sql.Date.valueOf("2026-11-16"), withheld.getDate(withheld.fieldIndex("period_start")));
    assertCount(0, withheld, "converted");
    assertMoney("0.00", withheld, "revenue");
    assertWithheld(dailyRow(lake2, PHONE_1, D1), concat(RECIPIENT_FIGURES, READ_TIMES, REPLY_TIMES, ALL_RATES));
    assertConversations(lake2, PHONE_1, "marketing", DAY, D1, null, null, null, 0L);
    assertConversations(lake2, PHONE_1, "service", WEEK, W, null, 0L, 0L, null);
    assertEquals(9, gold(lake2, "campaign_funnel").count(), "rows with withheld figures stay, flagged");
  }

  @Test
  @Order(9)
  void aLateStatusRecomputesOnlyThePeriodsFromItsMessagesMonth() throws IOException {
    CliRun reset = CliRun.of("aggregate", "--lake", lake, "--key-file", keyFile, "--min-group-size", "1", "--full");
    assertEquals(0, reset.exitCode(), reset.all());
    assertCount(2, campaignRow(lake, "spring", D1), "read"); // OUT1, OUT3
    // OUT4 (spring, D1) is read on D4 11:00, three days late: a status of a message sent on D1.
    CliRun late = runOn("late-read", statusLine("wamid.OUT4", "read", 1795086000L, "5511987650004"));
    // Only D1's figures move. In some time zone UTC D1 is still 2026-11-15 locally, and a day is
    // recomputed with its whole month and the weeks around it (they add up together): days and
    // months from 2026-11-01, weeks from its ISO week's Monday, 2026-10-26. Not every period.
    assertTrue(late.out().contains("aggregate: periods from 2026-10-26,"), late.out());
    assertTrue(late.err().contains("aggregate: recomputing gold from 2026-10-26 (days and months from 2026-11-01)"), late.err());
    assertCount(3, campaignRow(lake, "spring", D1), "read");
    assertGoldIsAFullRecompute();
  }

  @Test
  @Order(10)
  void aNewOrderRecomputesTheAttributionWindowAroundIt() throws IOException {
    // Ana orders again on D4 12:00: OUT5 (summer, D2 09:00) is still her last touch.
    CliRun order = runOn("new-order", orderLine("wamid.IN10", 1795089600L, "5511987650001", "Ana Souza", "30.00"));
    // Its purchase can credit a message up to 7 days before (from 2026-11-12), and make a payment
    // up to 7 days after it the same purchase; as a message of Ana's, it can be the reply to one
    // of the day before. The first date it reaches, 2026-11-12, is in November: days and months
    // from 2026-11-01, weeks from 2026-10-26, as for the late status.
    assertTrue(order.out().contains("aggregate: periods from 2026-10-26,"), order.out());
    assertTrue(order.err().contains("aggregate: recomputing gold from 2026-10-26 (days and months from 2026-11-01)"), order.err());
    Row summer = campaignRow(lake, "summer", D2);
    assertCount(2, summer, "conversions");
    assertMoney("105.90", summer, "revenue");
    // The week and month rows take the new order too: PHONE_1's week now has 2 conversions.
    Row week = numberRow(lake, PHONE_1, WEEK, W);
    assertCount(2, week, "conversions");
    assertCount(1, week, "converted"); // OUT5, credited twice
    assertMoney("105.90", week, "revenue");
    assertGoldIsAFullRecompute();
  }

  private CliRun runOn(String folder, String line) throws IOException {
    Path more = dir.resolve(folder);
    Files.createDirectories(more);
    Files.writeString(more.resolve("webhooks.jsonl"), line + "\n");
    CliRun run = CliRun.of("run", "--input", more.toString(), "--lake", lake, "--key-file", keyFile, "--min-group-size", "1");
    assertEquals(0, run.exitCode(), run.all());
    return run;
  }

  /** The gold tables as they are equal those a recompute of every date writes. */
  private void assertGoldIsAFullRecompute() {
    List<String> tables = List.of("campaign_funnel", "number_funnel", "conversations", "ad_referrals");
    Map<String, List<Row>> incremental = new TreeMap<>();
    tables.forEach(t -> incremental.put(t, gold(lake, t).drop("computed_at").orderBy("client").collectAsList()));
    CliRun full = CliRun.of("aggregate", "--lake", lake, "--key-file", keyFile, "--min-group-size", "1", "--full");
    assertEquals(0, full.exitCode(), full.all());
    for (String t : tables) {
      List<Row> recomputed = gold(lake, t).drop("computed_at").orderBy("client").collectAsList();
      assertEquals(Set.copyOf(recomputed), Set.copyOf(incremental.get(t)), "gold." + t);
      assertEquals(recomputed.size(), incremental.get(t).size(), "gold." + t);
    }
  }

  private static String statusLine(String messageId, String status, long at, String recipient) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + CLIENT + "\",\"changes\":[{\"value\":{"
        + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"5511300004000\",\"phone_number_id\":\""
        + PHONE_1 + "\"},\"statuses\":[{\"id\":\"" + messageId + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + at
        + "\",\"recipient_id\":\"" + recipient + "\",\"biz_opaque_callback_data\":\"{\\\"campaign\\\":\\\"spring\\\"}\"}]},"
        + "\"field\":\"messages\"}]}]}";
  }

  private static String orderLine(String messageId, long at, String from, String name, String price) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + CLIENT + "\",\"changes\":[{\"value\":{"
        + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"5511300004000\",\"phone_number_id\":\""
        + PHONE_1 + "\"},\"contacts\":[{\"profile\":{\"name\":\"" + name + "\"},\"wa_id\":\"" + from + "\"}],"
        + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + messageId + "\",\"timestamp\":\"" + at + "\",\"type\":\"order\","
        + "\"order\":{\"catalog_id\":\"c1\",\"text\":\"\",\"product_items\":[{\"product_retailer_id\":\"sku-bolsa\",\"quantity\":\"1\","
        + "\"item_price\":\"" + price + "\",\"currency\":\"BRL\"}]}}]},\"field\":\"messages\"}]}]}";
  }

  private void assertConversations(
      String phoneNumberId, String category, String period, String start, long users, long messages, long billable, long sessions) {
    Row row = conversationRow(lake, phoneNumberId, category, period, start);
    assertNothingWithheld(row);
    assertConversations(lake, phoneNumberId, category, period, start, users, messages, billable, sessions);
  }

  /** A row of gold.conversations; a null figure is expected withheld (null and named in withheld). */
  private void assertConversations(String lakeRoot, String phoneNumberId, String category, String period, String start,
      Long users, Long messages, Long billable, Long sessions) {
    Row row = conversationRow(lakeRoot, phoneNumberId, category, period, start);
    String where = phoneNumberId + " " + category + " " + period + " " + start + ": ";
    Map<String, Long> expected = new java.util.LinkedHashMap<>();
    expected.put("users", users);
    expected.put("messages", messages);
    expected.put("billable_messages", billable);
    expected.put("sessions", sessions);
    List<String> withheld = new java.util.ArrayList<>(expected.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList());
    if (messages == null) {
      withheld.add("cost"); // what the messages cost goes with them
    }
    assertWithheld(row, withheld);
    for (var figure : expected.entrySet()) {
      if (figure.getValue() != null) {
        assertFalse(row.isNullAt(row.fieldIndex(figure.getKey())), where + figure.getKey() + " is null");
        assertEquals(figure.getValue(), row.getLong(row.fieldIndex(figure.getKey())), where + figure.getKey());
      }
    }
  }

  /** A campaign's day row: the messages it sent that day. */
  private Row campaignRow(String lakeRoot, String campaign, String day) {
    return campaignRow(lakeRoot, campaign, DAY, day);
  }

  private Row campaignRow(String lakeRoot, String campaign, String period, String start) {
    return row(lakeRoot, "campaign_funnel", "client = '" + CLIENT + "' AND campaign = '" + campaign + "'" + inPeriod(period, start));
  }

  /** A phone number's day row of gold.number_funnel. */
  private Row dailyRow(String lakeRoot, String phoneNumberId, String day) {
    return numberRow(lakeRoot, phoneNumberId, DAY, day);
  }

  private Row numberRow(String lakeRoot, String phoneNumberId, String period, String start) {
    return row(lakeRoot, "number_funnel", "client = '" + CLIENT + "' AND phone_number_id = '" + phoneNumberId + "'" + inPeriod(period, start));
  }

  private Row conversationRow(String lakeRoot, String phoneNumberId, String category, String period, String start) {
    return row(lakeRoot, "conversations", "client = '" + CLIENT + "' AND phone_number_id = '" + phoneNumberId
        + "' AND pricing_category = '" + category + "'" + inPeriod(period, start));
  }

  /** The one ad of the fixture, 120215550000001. */
  private Row adRow(String lakeRoot, String period, String start) {
    return row(lakeRoot, "ad_referrals", "client = '" + CLIENT + "' AND referral_source_id = '120215550000001'" + inPeriod(period, start));
  }

  private static String inPeriod(String period, String start) {
    return " AND period = '" + period + "' AND period_start = " + start;
  }

  /** The one row of a gold table that matches. */
  private Row row(String lakeRoot, String goldTable, String where) {
    List<Row> rows = gold(lakeRoot, goldTable).filter(where).collectAsList();
    assertEquals(1, rows.size(), "gold." + goldTable + " rows where " + where + ": " + rows);
    return rows.get(0);
  }

  private Dataset<Row> gold(String lakeRoot, String goldTable) {
    return table(lakeRoot, "gold/" + goldTable);
  }

  private Dataset<Row> table(String lakeRoot, String layerAndTable) {
    return spark.read().format("delta").load(lakeRoot + "/" + layerAndTable);
  }

  private static Map<String, Long> countsBy(Dataset<Row> rows, String column) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row r : rows.groupBy(column).count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }

  /**
   * The row withholds exactly these figures (rates included): each is null, withheld names them
   * and nothing else, suppressed says whether it names any, and the row's keys stay.
   */
  private static void assertWithheld(Row row, List<String> figures) {
    assertEquals(new java.util.TreeSet<>(figures), new java.util.TreeSet<>(row.<String>getList(row.fieldIndex("withheld"))), "withheld of " + row);
    assertEquals(!figures.isEmpty(), row.getBoolean(row.fieldIndex("suppressed")), "suppressed of " + row);
    for (String figure : figures) {
      assertNullAt(row, figure);
    }
    for (String key : List.of("client", "period", "period_start")) {
      assertFalse(row.isNullAt(row.fieldIndex(key)), key + " is a key and stays: " + row);
    }
  }

  private static void assertNothingWithheld(Row row) {
    assertWithheld(row, List.of());
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }

  /** Every column of a row but where it sits in time (period, period_start), when it was computed, and the columns named. */
  private static Map<String, Object> figures(Row row, String... alsoLeftOut) {
    Set<String> leftOut = new java.util.HashSet<>(List.of("period", "period_start", "computed_at"));
    leftOut.addAll(List.of(alsoLeftOut));
    Map<String, Object> figures = new TreeMap<>();
    for (StructField field : row.schema().fields()) {
      if (!leftOut.contains(field.name())) {
        Object value = row.get(row.fieldIndex(field.name()));
        figures.put(field.name(), value instanceof scala.collection.Seq<?> seq ? List.copyOf(scala.collection.JavaConverters.seqAsJavaList(seq)) : value);
      }
    }
    return figures;
  }

  private static void assertCount(long expected, Row row, String column) {
    assertFalse(row.isNullAt(row.fieldIndex(column)), column + " is null: " + row);
    assertEquals(expected, row.getLong(row.fieldIndex(column)), column + " of " + row);
  }

  private static void assertRatio(double expected, Row row, String column) {
    assertFalse(row.isNullAt(row.fieldIndex(column)), column + " is null: " + row);
    assertEquals(expected, row.getDouble(row.fieldIndex(column)), EXACT, column + " of " + row);
  }

  private static void assertMoney(String expected, Row row, String column) {
    assertEquals(new BigDecimal(expected), row.getDecimal(row.fieldIndex(column)), column + " of " + row);
  }

  private static void assertNullAt(Row row, String column) {
    assertTrue(row.isNullAt(row.fieldIndex(column)), column + " should be null: " + row);
  }
}

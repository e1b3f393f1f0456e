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
 * D3 = 2026-11-18, D4 = 2026-11-19.
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
    assertEquals(3, gold(lake, "campaign_funnel").count(), "spring D1, summer D2, (none) D2");
    Row spring = campaignRow(lake, "spring", D1);
    assertFalse(spring.getBoolean(spring.fieldIndex("suppressed")));
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
    assertFalse(summer.getBoolean(summer.fieldIndex("suppressed")));
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
    assertFalse(none.getBoolean(none.fieldIndex("suppressed")));
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
  void theDailyFunnelSumsEveryMessageOfAPhoneNumberAndDay() {
    assertEquals(3, gold(lake, "daily_funnel").count(), "PHONE_1 D1, PHONE_1 D2, PHONE_2 D2");

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
    assertFalse(d2.getBoolean(d2.fieldIndex("suppressed")));
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
  @Order(6)
  void anAdReferralIsAnsweredAndConvertsWithinTheWindow() {
    assertEquals(1, gold(lake, "ad_referrals").count());
    Row ad = row(lake, "ad_referrals", "client = '" + CLIENT + "' AND referral_source_id = '120215550000001' AND day = " + D2);
    assertFalse(ad.getBoolean(ad.fieldIndex("suppressed")));
    assertEquals("ad", ad.getString(ad.fieldIndex("referral_source_type")));
    assertEquals("Black Friday: 30% off", ad.getString(ad.fieldIndex("headline")));
    assertCount(1, ad, "users"); // Elisa
    assertCount(1, ad, "conversations_started"); // IN7
    assertCount(1, ad, "replied"); // OUT8 from the same PHONE_2 at 20:05, 5 min after IN7
    assertCount(1, ad, "converted"); // IN9 at D4 10:00, 38 h after IN7: within 7 days
    assertMoney("99.90", ad, "revenue"); // 2 x 49.95
    assertEquals("BRL", ad.getString(ad.fieldIndex("revenue_currency")));
    assertRatio(1.0, ad, "conversion_rate");
  }

  @Test
  @Order(7)
  void conversationsDailyCountsPricedMessagesAndServiceSessions() {
    // Sessions: a user's message opens one when their previous message to that number is more
    // than 24 h older. Ana: IN2 (D1), IN4 (22h20 later: no), IN8 (28h40 after IN4: D3).
    // Bruno: IN3 (D1), IN6 (30 h later: D2). Carla: IN1 (D1). Diego: IN5 (D2).
    // Elisa on PHONE_2: IN7 (D2), IN9 (38 h later: D4).
    assertEquals(8, gold(lake, "conversations_daily").count());
    // OUT1..OUT4, each with a marketing / regular pricing on some status.
    assertConversations("marketing", D1, 4, 4, 4, 0);
    assertConversations("service", D1, 3, 0, 0, 3); // Ana, Bruno, Carla
    assertConversations("marketing", D2, 2, 2, 2, 0); // OUT5, OUT6
    assertConversations("utility", D2, 1, 1, 1, 0); // OUT7
    assertConversations("referral_conversion", D2, 1, 1, 0, 0); // OUT8, free_entry_point: not billable
    assertConversations("service", D2, 3, 0, 0, 3); // Bruno, Diego, Elisa
    assertConversations("service", D3, 1, 0, 0, 1); // Ana
    assertConversations("service", D4, 1, 0, 0, 1); // Elisa
  }

  @Test
  @Order(8)
  void aRowShowsAtExactlyKUsersAndIsWithheldBelow() {
    // Runs last: re-aggregates the shared lake under other k. A new k alone recomputes every date.
    String lake2 = lake;
    // k = 4: spring D1 has exactly 4 users and shows; summer and (none) (2 users each) do not.
    CliRun atK = CliRun.of("aggregate", "--lake", lake2, "--key-file", keyFile, "--min-group-size", "4");
    assertEquals(0, atK.exitCode(), atK.all());
    assertTrue(atK.out().contains("aggregate: all dates"), atK.out());
    Row spring = campaignRow(lake2, "spring", D1);
    assertFalse(spring.getBoolean(spring.fieldIndex("suppressed")));
    assertCount(4, spring, "users");
    assertCount(4, spring, "sent");
    assertCount(3, spring, "delivered");
    assertCount(2, spring, "replied");
    assertMoney("0.00", spring, "revenue");
    assertRatio(3.0 / 4, spring, "delivery_rate");
    assertWithheld(campaignRow(lake2, "summer", D2), "client", "campaign", "send_date");
    assertWithheld(campaignRow(lake2, "(none)", D2), "client", "campaign", "send_date");
    assertCount(4, dailyRow(lake2, PHONE_1, D1), "users");
    assertWithheld(dailyRow(lake2, PHONE_1, D2), "client", "phone_number_id", "day"); // 3 users
    assertWithheld(dailyRow(lake2, PHONE_2, D2), "client", "phone_number_id", "day"); // 1 user
    assertWithheld(row(lake2, "ad_referrals", "referral_source_id = '120215550000001' AND day = " + D2),
        "client", "referral_source_id", "day", "referral_source_type", "headline"); // 1 user

    // k = 5 on the same lake: spring's 4 users are one too few.
    CliRun aboveK = CliRun.of("aggregate", "--lake", lake2, "--key-file", keyFile, "--min-group-size", "5", "--full");
    assertEquals(0, aboveK.exitCode(), aboveK.all());
    Row withheld = campaignRow(lake2, "spring", D1);
    assertWithheld(withheld, "client", "campaign", "send_date");
    assertEquals(CLIENT, withheld.getString(withheld.fieldIndex("client")));
    assertEquals(java.sql.Date.valueOf("2026-11-16"), withheld.getDate(withheld.fieldIndex("send_date")));
    assertWithheld(dailyRow(lake2, PHONE_1, D1), "client", "phone_number_id", "day");
    assertEquals(3, gold(lake2, "campaign_funnel").count(), "suppressed rows stay, flagged");
  }

  @Test
  @Order(9)
  void aLateStatusRecomputesOnlyItsMessagesDate() throws IOException {
    CliRun reset = CliRun.of("aggregate", "--lake", lake, "--key-file", keyFile, "--min-group-size", "1", "--full");
    assertEquals(0, reset.exitCode(), reset.all());
    assertCount(2, campaignRow(lake, "spring", D1), "read"); // OUT1, OUT3
    // OUT4 (spring, D1) is read on D4 11:00, three days late: a status of a message sent on D1.
    CliRun late = runOn("late-read", statusLine("wamid.OUT4", "read", 1795086000L, "5511987650004"));
    assertTrue(late.out().contains("aggregate: dates 2026-11-16..2026-11-16,"), late.out());
    assertCount(3, campaignRow(lake, "spring", D1), "read");
    assertGoldIsAFullRecompute();
  }

  @Test
  @Order(10)
  void aNewOrderRecomputesTheAttributionWindowAroundIt() throws IOException {
    // Ana orders again on D4 12:00: OUT5 (summer, D2 09:00) is still her last touch.
    CliRun order = runOn("new-order", orderLine("wamid.IN10", 1795089600L, "5511987650001", "Ana Souza", "30.00"));
    // Its purchase can credit a message up to 7 days before, and make a payment up to 7 days
    // after it the same purchase; as a message of Ana's, it can be the reply to one of the day before.
    assertTrue(order.out().contains("aggregate: dates 2026-11-12..2026-11-26,"), order.out());
    Row summer = campaignRow(lake, "summer", D2);
    assertCount(2, summer, "conversions");
    assertMoney("105.90", summer, "revenue");
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
    List<String> tables = List.of("campaign_funnel", "daily_funnel", "conversations_daily", "ad_referrals");
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

  private void assertConversations(String category, String day, long users, long messages, long billable, long sessions) {
    Row row = row(lake, "conversations_daily", "client = '" + CLIENT + "' AND pricing_category = '" + category + "' AND day = " + day);
    String where = category + " " + day + ": ";
    assertFalse(row.getBoolean(row.fieldIndex("suppressed")), where + "suppressed");
    assertEquals(users, row.getLong(row.fieldIndex("users")), where + "users");
    assertEquals(messages, row.getLong(row.fieldIndex("messages")), where + "messages");
    assertEquals(billable, row.getLong(row.fieldIndex("billable_messages")), where + "billable_messages");
    assertEquals(sessions, row.getLong(row.fieldIndex("sessions")), where + "sessions");
  }

  private Row campaignRow(String lakeRoot, String campaign, String sendDate) {
    return row(lakeRoot, "campaign_funnel", "client = '" + CLIENT + "' AND campaign = '" + campaign + "' AND send_date = " + sendDate);
  }

  private Row dailyRow(String lakeRoot, String phoneNumberId, String day) {
    return row(lakeRoot, "daily_funnel", "client = '" + CLIENT + "' AND phone_number_id = '" + phoneNumberId + "' AND day = " + day);
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

  /** Suppressed: flagged, keys shown, every measure (users, counts, revenue, rates, timings) null. */
  private static void assertWithheld(Row row, String... keys) {
    assertTrue(row.getBoolean(row.fieldIndex("suppressed")), "suppressed: " + row);
    Set<String> shown = Set.of(keys);
    for (StructField field : row.schema().fields()) {
      String name = field.name();
      if (shown.contains(name)) {
        assertFalse(row.isNullAt(row.fieldIndex(name)), name + " is a key and stays: " + row);
      } else if (!name.equals("suppressed") && !name.equals("computed_at")) {
        assertNullAt(row, name);
      }
    }
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

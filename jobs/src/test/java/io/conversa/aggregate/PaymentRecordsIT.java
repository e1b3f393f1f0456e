package io.conversa.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conversa.testing.CliRun;
import io.conversa.testing.PrivacyScan;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pix payments from the business's own records, end to end: a hand-built week of one Brazilian
 * client, its send log naming order references, and a payment provider's export. The expected
 * figures below were worked out by hand from the lines this test writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentRecordsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WABA = "200111222333444";
  private static final String PHONE = "210200300400501";
  private static final String U1 = "5511911110001";
  private static final String U2 = "5511911110002";
  private static final String U3 = "5511911110003";
  private static final String U4 = "12025550104";
  /** 2026-11-16 12:00:00 UTC, a Monday. */
  private static final long T0 = 1_794_830_400L;
  private static final String DAY = "2026-11-16";

  @TempDir static Path dir;
  private SparkSession spark;
  private String lake;
  private String keyFile;
  private CliRun run;

  @BeforeAll
  void runWithASendLogAndAPaymentsFile() throws IOException {
    spark = SharedSpark.session();
    List<String> lines = new ArrayList<>();
    // U1: a Black Friday message, then the Pix charge for their order, then a Cyber Monday
    // message before they pay. Last touch would credit Cyber Monday; the payment names PIX-1.
    lines.addAll(sentAndDelivered("wamid.BF-000001", U1, T0, "{\"campaign\":\"blackfriday\",\"template\":\"bf_oferta\"}", "marketing", "regular"));
    lines.addAll(sentAndDelivered("wamid.PIX-000001", U1, T0 + 3600, null, "utility", "regular"));
    // Someone named Cyber Monday's template after the person it went to: redacted at ingest.
    lines.addAll(sentAndDelivered("wamid.CY-000001", U1, T0 + 4500, "{\"campaign\":\"cyber\",\"template\":\"cy_" + U1 + "\"}",
        "marketing", "regular"));
    // U2: a Pix charge still pending, and a free reply in the customer-service window.
    lines.addAll(sentAndDelivered("wamid.PIX-000002", U2, T0 + 3600, null, "utility", "regular"));
    lines.addAll(sentAndDelivered("wamid.SVC-000002", U2, T0 + 3700, null, "service", "free_customer_service"));
    // U3: a Pix charge whose payment both a payment status and the file report: one purchase.
    lines.addAll(sentAndDelivered("wamid.PIX-000003", U3, T0 + 3600, null, "utility", "regular"));
    // U4, in the US: the rate card has no price for it.
    lines.addAll(sentAndDelivered("wamid.US-000004", U4, T0 + 100, "{\"campaign\":\"cyber\",\"template\":\"cy_default\"}", "marketing", "regular"));
    lines.add(paymentStatus("wamid.PIX-000003", U3, T0 + 4000, "PED-1003", 5000));
    Path input = dir.resolve("input");
    Files.createDirectories(input);
    Files.write(input.resolve("webhooks.jsonl"), lines, StandardCharsets.UTF_8);
    Path sendLog = dir.resolve("send-log.csv");
    Files.writeString(sendLog, String.join("\n",
        "message_id,campaign,template,reference_id",
        "wamid.PIX-000001,blackfriday,pix_cobranca,PED-1001",
        // and the send log names a template after a customer's e-mail: redacted on read.
        "wamid.PIX-000002,,pix_maria.souza@example.com,PED-1002",
        "wamid.PIX-000003,blackfriday,pix_cobranca,PED-1003",
        ""));
    Path payments = dir.resolve("pix-export.csv");
    Files.writeString(payments, String.join("\n",
        "reference_id,amount,currency,status,paid_at,method",
        // 10:30 in São Paulo is 13:30 UTC: 30 minutes after PIX-1, 15 after CY-1.
        "PED-1001,149.90,BRL,paid,2026-11-16T10:30:00-03:00,pix",
        "PED-1002,80.00,BRL,pending,,pix",
        "PED-1003,\"50,00\",brl,PAID,2026-11-16T13:10:00Z,pix",
        "PED-9999,10.00,BRL,paid,2026-11-16T14:00:00Z,pix",
        "PED-1004,20.00,BRL,paid,2026-11-16 10:00,pix",
        "PED-1005,35.00,BRL,refunded,2026-11-16T12:00:00Z,pix",
        ""));
    Path rateCard = dir.resolve("rate-card.csv");
    Files.writeString(rateCard, String.join("\n",
        "# the agency's BRL card",
        "country,category,currency,price,valid_from",
        "BR,marketing,BRL,0.3000,2026-01-01",
        "BR,marketing,BRL,0.3500,2026-11-01",
        "BR,utility,BRL,0.0400,2026-01-01",
        "BR,service,BRL,0.0400,2026-10-01",
        ""));
    lake = dir.resolve("lake").toString();
    keyFile = TestKeys.keyFile(dir, "pix").toString();
    run = CliRun.of("run", "--input", input.toString(), "--lake", lake, "--key-file", keyFile,
        "--min-group-size", "1", "--send-log", sendLog.toString(), "--payments", payments.toString(), "--rate-card", rateCard.toString());
    assertEquals(0, run.exitCode(), run.all());
  }

  @Test
  void aPaidReferenceConvertsTheMessageItNamesAndItsCampaignOnce() {
    Row blackFriday = campaignDay("blackfriday");
    assertEquals(3L, blackFriday.<Long>getAs("sent"));
    assertEquals(2L, blackFriday.<Long>getAs("users"));
    // PIX-1 (149.90) and PIX-3 (50.00, reported twice, counted once).
    assertEquals(2L, blackFriday.<Long>getAs("converted"));
    assertEquals(2L, blackFriday.<Long>getAs("conversions"));
    assertEquals(0, new BigDecimal("199.90").compareTo(blackFriday.getAs("revenue")));
    assertEquals("BRL", blackFriday.getAs("revenue_currency"));
    assertEquals(0L, campaignDay("cyber").<Long>getAs("converted"));
    // PIX-2's payment is pending: no conversion for the message without a campaign.
    Row none = campaignDay(Funnels.NO_CAMPAIGN);
    assertEquals(2L, none.<Long>getAs("sent"));
    assertEquals(0L, none.<Long>getAs("converted"));
    Row number = spark.read().format("delta").load(lake + "/gold/number_funnel")
        .filter(col("period").equalTo("day").and(col("period_start").equalTo(DAY))).first();
    assertEquals(7L, number.<Long>getAs("sent"));
    assertEquals(2L, number.<Long>getAs("conversions"));
    assertEquals(0, new BigDecimal("199.90").compareTo(number.getAs("revenue")));
  }

  @Test
  void eachDeliveredChargedMessageCostsItsCountrysPriceOnItsDay() {
    // Black Friday: BF-1 marketing at November's 0.35, PIX-1 and PIX-3 utility at 0.04.
    Row blackFriday = campaignDay("blackfriday");
    assertMoney("0.4300", blackFriday.getAs("cost"));
    assertEquals("BRL", blackFriday.getAs("cost_currency"));
    assertMoney("0.1433", blackFriday.getAs("cost_per_delivered")); // 0.43 / 3
    assertMoney("0.2150", blackFriday.getAs("cost_per_conversion")); // 0.43 / 2
    assertEquals(199.90 / 0.43, blackFriday.<Double>getAs("return_on_spend"), 1e-9);
    // Cyber Monday: CY-1 at 0.35; US-4 has no price (counted below), adds nothing.
    assertMoney("0.3500", campaignDay("cyber").getAs("cost"));
    // (none): PIX-2 at 0.04, the free service reply at 0.
    assertMoney("0.0400", campaignDay(Funnels.NO_CAMPAIGN).getAs("cost"));
    Row conversations = spark.read().format("delta").load(lake + "/gold/conversations")
        .filter(col("period").equalTo("day").and(col("period_start").equalTo(DAY)).and(col("pricing_category").equalTo("service"))).first();
    assertMoney("0.0000", conversations.getAs("cost"));
    Row unpriced = check("billable_message_has_a_price");
    assertEquals(1L, unpriced.<Long>getAs("violations")); // US-4
    assertEquals(7L, unpriced.<Long>getAs("rows_checked"));
  }

  private static void assertMoney(String expected, Object actual) {
    assertEquals(0, new BigDecimal(expected).compareTo((BigDecimal) actual), expected + " != " + actual);
  }

  @Test
  void unmatchedAndUnusableRowsAreCountedInTheQualityChecks() {
    Row unmatched = check("paid_payment_settles_a_message");
    assertFalse(unmatched.<Boolean>getAs("passed"));
    assertEquals(1L, unmatched.<Long>getAs("violations")); // PED-9999
    assertEquals(3L, unmatched.<Long>getAs("rows_checked")); // PED-1001, PED-1003, PED-9999
    Row invalid = check("payment_record_is_valid");
    assertEquals(1L, invalid.<Long>getAs("violations")); // PED-1004: no UTC offset
    assertEquals(6L, invalid.<Long>getAs("rows_checked"));
    assertTrue(run.err().contains("6 rows, 3 paid references, 2 settling a message, 1 matching no message, 1 unusable"), run.err());
    assertTrue(run.err().contains("1 with paid_at is not an ISO-8601 time with its UTC offset"), run.err());
  }

  @Test
  void noIdentifierOfTheInputReachesATableOrTheOutput() throws IOException {
    PrivacyScan scan = PrivacyScan.of(dir.resolve("input"));
    assertTrue(scan.phoneCount() >= 3, "the scan knows the recipients");
    try (var folders = Files.walk(Path.of(lake))) {
      for (Path table : folders.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).toList()) {
        scan.assertAbsentFrom(table.toString(), PrivacyScan.stringColumns(spark.read().format("delta").load(table.toString())));
      }
    }
    scan.assertAbsentFrom("the output", run.all());
  }

  @Test
  void paymentsWithoutASendLogThatNamesOrdersAreRefusedWithTheFix() throws IOException {
    Path bare = dir.resolve("bare-send-log.csv");
    Files.writeString(bare, "message_id,campaign\nwamid.PIX-000001,blackfriday\n");
    CliRun refused = CliRun.of("aggregate", "--lake", lake, "--key-file", keyFile, "--min-group-size", "1",
        "--send-log", bare.toString(), "--payments", dir.resolve("pix-export.csv").toString());
    assertEquals(2, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains("reference_id"), refused.err());
  }

  /**
   * A payments export and a send log are rewritten whole every day: the same rows recompute
   * nothing, and a new payment only the dates from its attribution window on.
   */
  @Test
  void aRewrittenExportRecomputesOnlyFromTheDatesItsPaymentsChanged() throws IOException {
    Path daily = dir.resolve("lake-daily");
    try (java.util.stream.Stream<Path> files = Files.walk(Path.of(lake))) {
      for (Path from : files.toList()) {
        Path to = daily.resolve(Path.of(lake).relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    // Both files as a daily export job writes them: rewritten whole, the same rows.
    Path export = dir.resolve("pix-export-daily.csv");
    Files.copy(dir.resolve("pix-export.csv"), export);
    Path sendLog = dir.resolve("send-log-daily.csv");
    Files.copy(dir.resolve("send-log.csv"), sendLog);
    String[] aggregate = {"aggregate", "--lake", daily.toString(), "--key-file", keyFile, "--send-log", sendLog.toString(),
        "--payments", export.toString(), "--rate-card", dir.resolve("rate-card.csv").toString()};
    CliRun same = CliRun.of(aggregate);
    assertEquals(0, same.exitCode(), same.all());
    assertTrue(same.out().contains("gold is up to date"), "the same rows in new files: " + same.all());

    Files.writeString(export, Files.readString(export) + "PED-2001,12.00,BRL,paid,2026-11-30T10:00:00Z,pix\n");
    CliRun later = CliRun.of(aggregate);
    assertEquals(0, later.exitCode(), later.all());
    assertTrue(later.all().contains("(days and months from 2026-11-01)"), "one more payment on 30 November: " + later.all());
  }

  @Test
  void templatesSplitTheirCampaignAndAddUpToIt() {
    // Black Friday: its own message with template bf_oferta (bought nothing: PIX-1's payment
    // names PIX-1), and two Pix charges with template pix_cobranca, both paid (149.90 + 50.00),
    // each a utility message at BRL 0.04.
    Row offer = templateWeek("blackfriday", "bf_oferta");
    assertEquals(1L, offer.<Long>getAs("sent"));
    assertEquals(0L, offer.<Long>getAs("converted"));
    assertMoney("0.3500", offer.getAs("cost"));
    Row pix = templateWeek("blackfriday", "pix_cobranca");
    assertEquals(2L, pix.<Long>getAs("sent"));
    assertEquals(2L, pix.<Long>getAs("converted"));
    assertEquals(0, new BigDecimal("199.90").compareTo(pix.getAs("revenue")));
    assertMoney("0.0800", pix.getAs("cost"));
    Row campaign = campaignDay("blackfriday"); // the week's only day
    assertEquals(campaign.<Long>getAs("sent"), offer.<Long>getAs("sent") + pix.<Long>getAs("sent"));
    // Cyber Monday: the template named after U1 is kept, without the number.
    assertEquals(1L, templateWeek("cyber", "cy_[number]").<Long>getAs("sent"));
    assertEquals(1L, templateWeek("cyber", "cy_default").<Long>getAs("sent"));
    // The e-mail took the whole name with it: pix_maria.souza@example.com is one address.
    assertEquals(1L, templateWeek(Funnels.NO_CAMPAIGN, "[email]").<Long>getAs("sent"));
    assertEquals(1L, templateWeek(Funnels.NO_CAMPAIGN, Funnels.NO_CAMPAIGN).<Long>getAs("sent"), "the service reply names no template");
    assertEquals(0L, spark.read().format("delta").load(lake + "/gold/template_funnel")
        .filter(col("template").contains("@").or(col("template").contains("maria"))).count());
  }

  /** The week of DAY, a Monday: template_funnel has weeks and months, no days. */
  private Row templateWeek(String campaign, String template) {
    return spark.read().format("delta").load(lake + "/gold/template_funnel")
        .filter(col("campaign").equalTo(campaign).and(col("template").equalTo(template))
            .and(col("period").equalTo("week")).and(col("period_start").equalTo(DAY)))
        .first();
  }

  private Row campaignDay(String campaign) {
    return spark.read().format("delta").load(lake + "/gold/campaign_funnel")
        .filter(col("campaign").equalTo(campaign).and(col("period").equalTo("day")).and(col("period_start").equalTo(DAY)))
        .first();
  }

  private Row check(String name) {
    return spark.read().format("delta").load(lake + "/gold/quality_checks").filter(col("check_name").equalTo(name))
        .orderBy(col("run_at").desc()).first();
  }

  private static List<String> sentAndDelivered(String messageId, String user, long at, String callbackData, String category, String type) {
    return List.of(status(messageId, user, "sent", at, callbackData, category, type),
        status(messageId, user, "delivered", at + 5, callbackData, category, type));
  }

  private static String status(String messageId, String user, String stage, long at, String callbackData, String category, String type) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode s = statuses(body).addObject();
    s.put("id", messageId).put("status", stage).put("timestamp", Long.toString(at)).put("recipient_id", user);
    if (callbackData != null) {
      s.put("biz_opaque_callback_data", callbackData);
    }
    s.putObject("pricing").put("billable", "regular".equals(type)).put("pricing_model", "PMP").put("category", category).put("type", type);
    return body.toString();
  }

  private static String paymentStatus(String messageId, String user, long at, String reference, long cents) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode s = statuses(body).addObject();
    s.put("id", messageId).put("type", "payment").put("status", "captured").put("timestamp", Long.toString(at)).put("recipient_id", user);
    ObjectNode payment = s.putObject("payment");
    payment.put("reference_id", reference).put("currency", "BRL");
    payment.putObject("amount").put("value", cents).put("offset", 100);
    return body.toString();
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode statuses(ObjectNode body) {
    body.put("object", "whatsapp_business_account");
    ObjectNode change = body.putArray("entry").addObject().put("id", WABA).putArray("changes").addObject();
    change.put("field", "messages");
    ObjectNode value = change.putObject("value");
    value.put("messaging_product", "whatsapp");
    value.putObject("metadata").put("display_phone_number", "5511300009000").put("phone_number_id", PHONE);
    return value.putArray("statuses");
  }
}

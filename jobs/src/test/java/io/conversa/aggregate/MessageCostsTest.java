package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.common.ConversaException;
import io.conversa.testing.SharedSpark;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class MessageCostsTest {
  private final SparkSession spark = SharedSpark.session();

  private static final String CARD = String.join("\n",
      "country,category,currency,price,valid_from",
      "BR,marketing,USD,0.0600,2026-01-01",
      "BR,marketing,USD,0.0625,2026-10-01",
      "BR,utility,USD,0.0068,2026-01-01",
      "IN,marketing,USD,0.0118,2026-01-01",
      "IN,authentication_international,USD,0.0304,2026-04-01",
      "CO,marketing,USD,0.0125,2026-01-01");

  @Test
  void priceByCountryCategoryAndDayForDeliveredChargedMessagesOnly() {
    StructType schema = new StructType()
        .add("message_id", DataTypes.StringType)
        .add("user_country", DataTypes.StringType)
        .add("pricing_category", DataTypes.StringType)
        .add("pricing_type", DataTypes.StringType)
        .add("delivered_at", DataTypes.TimestampType);
    Dataset<Row> outbound = spark.createDataFrame(List.of(
        RowFactory.create("br-marketing-september", "BR", "marketing", "regular", at("2026-09-30T23:59:59Z")),
        RowFactory.create("br-marketing-october", "BR", "marketing", "regular", at("2026-10-01T00:00:00Z")),
        RowFactory.create("br-utility", "BR", "utility", "regular", at("2026-11-16T12:00:00Z")),
        RowFactory.create("in-marketing", "IN", "marketing", "regular", at("2026-11-16T12:00:00Z")),
        RowFactory.create("in-auth-intl", "IN", "authentication-international", "regular", at("2026-11-16T12:00:00Z")),
        RowFactory.create("co-marketing", "CO", "marketing", "regular", at("2026-11-16T12:00:00Z")),
        RowFactory.create("br-service-free", "BR", "service", "free_customer_service", at("2026-11-16T12:00:00Z")),
        RowFactory.create("br-ad-free", "BR", "referral_conversion", "free_entry_point", at("2026-11-16T12:00:00Z")),
        RowFactory.create("br-undelivered", "BR", "marketing", "regular", null),
        RowFactory.create("us-marketing", "US", "marketing", "regular", at("2026-11-16T12:00:00Z")),
        RowFactory.create("business-scoped-user", null, "marketing", "regular", at("2026-11-16T12:00:00Z"))), schema);
    Map<String, Row> costs = MessageCosts.of(outbound, RateCard.parse("test card", CARD).periods(spark))
        .select(col("message_id"), col("cost"), col("cost_currency"), col("is_unpriced"))
        .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
    assertEquals(11, costs.size(), "one row per message");
    assertCost("0.0600", costs.get("br-marketing-september"));
    assertCost("0.0625", costs.get("br-marketing-october"));
    assertCost("0.0068", costs.get("br-utility"));
    assertCost("0.0118", costs.get("in-marketing"));
    assertCost("0.0304", costs.get("in-auth-intl"));
    assertCost("0.0125", costs.get("co-marketing"));
    for (String free : List.of("br-service-free", "br-ad-free", "br-undelivered")) {
      assertEquals(0, BigDecimal.ZERO.compareTo(costs.get(free).getDecimal(1)), free);
      assertNull(costs.get(free).get(2), free);
      assertFalse(costs.get(free).getBoolean(3), free);
    }
    Row unpriced = costs.get("us-marketing");
    assertNull(unpriced.get(1));
    assertTrue(unpriced.getBoolean(3));
    // No phone number, no country: not priced, and no gap in the card either.
    Row noCountry = costs.get("business-scoped-user");
    assertNull(noCountry.get(1));
    assertFalse(noCountry.getBoolean(3));
  }

  @Test
  void aBadCardLineIsAUsageErrorNamingTheLineAndTheField() {
    ConversaException e = assertThrows(ConversaException.class,
        () -> RateCard.parse("rate card my-card.csv", "# mine\ncountry,category,currency,price\nBR,marketing,USD,six cents\n"));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("rate card my-card.csv, line 3: expected a price like 0.0625 in the field price"), e.getMessage());
  }

  @Test
  void aPriceBeyondTheBoundIsRefusedNotTurnedIntoZeroCosts() {
    for (String price : List.of("1E+308", "100000.0001", "250000")) {
      ConversaException e = assertThrows(ConversaException.class,
          () -> RateCard.parse("rate card my-card.csv", "country,category,currency,price\nBR,marketing,USD," + price + "\n"));
      assertEquals(2, e.exitCode());
      assertTrue(e.getMessage().contains("line 2: expected a price from 0 to 100000"), e.getMessage());
      assertTrue(!e.getMessage().contains(price), "the value is not repeated: " + e.getMessage());
    }
    RateCard.parse("rate card my-card.csv", "country,category,currency,price\nID,marketing,IDR,100000\n");
  }

  @Test
  void theShippedCardReadsAndPricesTheMarketsServed() {
    RateCard card = RateCard.read(spark, null);
    for (String country : List.of("BR", "IN", "ID", "CO", "MX")) {
      assertTrue(card.prices().stream().anyMatch(p -> p.country().equals(country) && p.category().equals("marketing")
          && p.currency().equals("USD") && !p.validFrom().isAfter(java.time.LocalDate.of(2026, 10, 1))), country);
    }
  }

  private static void assertCost(String expected, Row row) {
    assertEquals(0, new BigDecimal(expected).compareTo(row.getDecimal(1)), row.toString());
    assertEquals("USD", row.getString(2));
    assertFalse(row.getBoolean(3));
  }

  private static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }
}

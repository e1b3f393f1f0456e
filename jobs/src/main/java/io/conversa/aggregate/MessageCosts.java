package io.conversa.aggregate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What each outbound message cost: Meta charges a delivered message whose pricing type is
 * {@code regular} the rate card's price for the recipient's country and the message's pricing
 * category, on the day it was delivered. Free types (customer service, free entry point) and
 * undelivered messages cost nothing; so, in gold, do messages to users without a known country.
 */
public final class MessageCosts {
  static final String BILLABLE_TYPE = "regular";

  private MessageCosts() {}

  /**
   * @param outbound silver.outbound_messages rows
   * @param card {@link RateCard#periods}
   * @return the rows with {@code cost} (decimal(18,4); 0 when free, null when billable but the
   *     card has no price for it), {@code cost_currency} and {@code is_unpriced} (charged, of a
   *     known country, and not in the card)
   */
  public static Dataset<Row> of(Dataset<Row> outbound, Dataset<Row> card) {
    Column billable = col("delivered_at").isNotNull().and(col("pricing_type").equalTo(BILLABLE_TYPE));
    Column priced = col("user_country").equalTo(col("card_country"))
        // Meta spells authentication-international with a hyphen in pricing.category.
        .and(regexp_replace(col("pricing_category"), "-", "_").equalTo(col("card_category")))
        .and(to_date(col("delivered_at")).geq(col("card_from")))
        .and(to_date(col("delivered_at")).lt(col("card_until")))
        .and(billable);
    return outbound.join(broadcast(card), priced, "left")
        .withColumn("_billable", billable.isNotNull().and(billable))
        .withColumn("cost", when(col("_billable"), col("card_price")).otherwise(lit(0).cast("decimal(18,4)")))
        .withColumn("cost_currency", col("card_currency"))
        // A user known by a business-scoped id alone has no phone number, so no country: Meta
        // bills them at a price conversa cannot look up. That is no gap in the card.
        .withColumn("is_unpriced", col("_billable").and(col("card_price").isNull()).and(col("user_country").isNotNull()))
        .drop("_billable", "card_country", "card_category", "card_currency", "card_price", "card_from", "card_until");
  }
}

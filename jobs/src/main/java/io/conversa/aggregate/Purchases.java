package io.conversa.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One row per purchase from silver.conversions, which may describe one purchase several times:
 * a Purchase automatic event naming an order message is that order; a captured payment of the
 * same value and currency as the user's order in the window before it is that order's payment.
 * Automatic events carry no user: theirs is the user of the message they name. A paid payment
 * record ({@link PaymentRecords#settled}) is its order message's payment: a payment status of
 * that message describes the same purchase.
 */
public final class Purchases {
  private Purchases() {}

  /**
   * @param conversions silver.conversions rows, users resolved
   * @param inbound silver.messages rows, users resolved
   * @param outbound silver.outbound_messages rows, users resolved
   * @param recorded {@link PaymentRecords#settled}, or null without a payments file
   * @return purchase_id, kind, waba_id, phone_number_id, user_id, occurred_at, value, currency,
   *     credited_message_id (the message a payment record settles; null for the others, which
   *     go to the last touch)
   */
  public static Dataset<Row> of(
      Dataset<Row> conversions, Dataset<Row> inbound, Dataset<Row> outbound, Dataset<Row> recorded, long windowSeconds) {
    Dataset<Row> orders = conversions.filter(col("kind").equalTo("order"));
    Dataset<Row> purchaseEvents = conversions.filter(col("kind").equalTo("purchase_event"));
    // Only the messages events name: the semi join keeps the lookup to a few rows.
    Dataset<Row> named =
        inbound.select(col("message_id").as("_mid"), col("user_id").as("_in_user"), col("phone_number_id").as("_in_phone"))
            .unionByName(outbound.select(col("message_id").as("_mid"), col("user_id").as("_in_user"), col("phone_number_id").as("_in_phone")))
            .join(purchaseEvents.select(col("message_id").as("_mid")).distinct(), "_mid", "left_semi")
            .dropDuplicates("_mid");
    Dataset<Row> events =
        purchaseEvents
            .join(orders.select(col("message_id").as("_order_mid")), col("message_id").equalTo(col("_order_mid")), "left_anti")
            .join(named, col("message_id").equalTo(col("_mid")), "left")
            .withColumn("user_id", coalesce(col("user_id"), col("_in_user")))
            .withColumn("phone_number_id", coalesce(col("phone_number_id"), col("_in_phone")))
            .drop("_mid", "_in_user", "_in_phone");
    Dataset<Row> o = orders.select(
        col("waba_id").as("_o_waba"), col("user_id").as("_o_user"), col("occurred_at").as("_o_at"),
        col("value").as("_o_value"), col("currency").as("_o_currency"));
    Column sameOrder =
        col("waba_id").equalTo(col("_o_waba"))
            .and(col("user_id").equalTo(col("_o_user")))
            .and(col("value").equalTo(col("_o_value")))
            .and(col("currency").equalTo(col("_o_currency")))
            .and(Times.seconds("_o_at").leq(Times.seconds("occurred_at")))
            .and(Times.seconds("_o_at").geq(Times.seconds("occurred_at").minus(windowSeconds)));
    Dataset<Row> webhookPayments = conversions.filter(col("kind").equalTo("payment"));
    if (recorded != null) {
      webhookPayments = webhookPayments.join(recorded.select(col("credited_message_id")),
          col("message_id").equalTo(col("credited_message_id")), "left_anti");
    }
    Dataset<Row> payments = webhookPayments.join(o, sameOrder, "left_anti");
    Dataset<Row> signals = orders.unionByName(events).unionByName(payments)
        .filter(col("user_id").isNotNull())
        .select(
            col("conversion_id").as("purchase_id"), col("kind"), col("waba_id"), col("phone_number_id"), col("user_id"),
            col("occurred_at"), col("value"), col("currency"), lit(null).cast("string").as("credited_message_id"));
    if (recorded == null) {
      return signals;
    }
    Dataset<Row> recordedPayments = recorded.drop("reference_id").withColumnRenamed("purchase_id", "conversion_id")
        .join(o, sameOrder, "left_anti")
        .withColumnRenamed("conversion_id", "purchase_id");
    return signals.unionByName(recordedPayments);
  }
}

package io.conversa.aggregate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * What became of each outbound message, under SPEC section 3: delivered, read, failed, replied,
 * clicked, and the purchases credited to it by last touch. The funnels are sums of these rows.
 */
public final class MessageOutcomes {
  /** Inbound types that are not the user writing back: Meta's own notices and edits of old messages. */
  static final String[] NOT_REPLIES = {"system", "request_welcome", "revoke", "edit"};
  /** Interactive replies that answer a button, list or flow the message carried. */
  static final String[] CLICK_INTERACTIONS = {"button_reply", "list_reply", "nfm_reply"};

  private MessageOutcomes() {}

  /**
   * @param outbound silver.outbound_messages, users resolved, with {@code client} and the final
   *     {@code campaign} ("(none)" when nobody named one)
   * @param inbound silver.messages, users resolved
   * @param purchases {@link Purchases#of}
   * @return one row per outbound message: its keys, stage flags, reply and read delays, credited
   *     purchases and revenue
   */
  public static Dataset<Row> of(Dataset<Row> outbound, Dataset<Row> inbound, Dataset<Row> purchases, long replySeconds, long attributionSeconds) {
    Dataset<Row> messages =
        outbound
            .withColumn("is_delivered", col("delivered_at").isNotNull())
            .withColumn("is_read", col("read_at").isNotNull())
            .withColumn("is_failed", col("failed_at").isNotNull().and(col("delivered_at").isNull()));
    // Clicked and credited messages are a few in a hundred: broadcast, they spare sorting every
    // message by id again.
    Dataset<Row> clicks = broadcast(clicks(messages, inbound, replySeconds));
    Dataset<Row> credits = broadcast(lastTouchCredits(messages, purchases, attributionSeconds));
    return withFirstReplies(messages, inbound, replySeconds)
        .join(clicks, "message_id", "left")
        .join(credits, "message_id", "left")
        .withColumn("is_replied", col("first_reply_at").isNotNull())
        .withColumn("is_clicked", coalesce(col("clicked"), lit(false)))
        .withColumn("purchases", coalesce(col("purchases"), lit(0L)))
        .withColumn("seconds_to_read", when(col("is_read"), Times.secondsBetween("sent_at", "read_at")))
        .withColumn("seconds_to_reply", Times.secondsBetween("sent_at", "first_reply_at"))
        .drop("clicked");
  }

  /**
   * Every message with {@code first_reply_at}: the user's first message within the window after
   * it, if it did not fail. One sort of each user's messages, ours and theirs, by time: the first
   * of theirs after each of ours is its candidate reply (a join on the user would pair every
   * message with every reply), and ours keep their columns through it (no join back by id).
   */
  static Dataset<Row> withFirstReplies(Dataset<Row> messages, Dataset<Row> inbound, long replySeconds) {
    Dataset<Row> ours = messages.withColumn("_at", col("sent_at")).withColumn("_ours", lit(1))
        .withColumn("_reply_at", lit(null).cast("timestamp"));
    Dataset<Row> theirs = inbound.filter(col("type").isin((Object[]) NOT_REPLIES).equalTo(false).or(col("type").isNull()))
        .filter(col("user_id").isNotNull().and(col("phone_number_id").isNotNull()))
        .select(col("user_id"), col("phone_number_id"), col("sent_at").as("_at"), lit(0).as("_ours"),
            lit(null).cast("string").as("message_id"), col("sent_at").as("_reply_at"));
    // At the same second, theirs sorts first: a reply must come strictly after.
    WindowSpec later = Window.partitionBy("user_id", "phone_number_id").orderBy(col("_at"), col("_ours"), col("message_id"))
        .rowsBetween(1, Window.unboundedFollowing());
    Column answerable = col("is_failed").equalTo(false).and(col("user_id").isNotNull()).and(col("phone_number_id").isNotNull());
    return ours.unionByName(theirs, true)
        .withColumn("_next_reply_at", first(col("_reply_at"), true).over(later))
        .filter(col("_ours").equalTo(1))
        .withColumn("first_reply_at",
            when(answerable.and(Times.within("_at", "_next_reply_at", replySeconds)), col("_next_reply_at")))
        .drop("_at", "_ours", "_reply_at", "_next_reply_at");
  }

  /** A template button, interactive button, list or flow reply whose context is the message, within the window. */
  static Dataset<Row> clicks(Dataset<Row> messages, Dataset<Row> inbound, long replySeconds) {
    Column click = col("type").equalTo("button")
        .or(col("type").equalTo("interactive").and(col("interactive_type").isin((Object[]) CLICK_INTERACTIONS)));
    Dataset<Row> i = inbound.filter(click.and(col("context_message_id").isNotNull()))
        .select(col("context_message_id"), col("sent_at").as("click_at"));
    return messages.select(col("message_id"), col("sent_at"))
        .join(i, col("message_id").equalTo(col("context_message_id")).and(Times.within("sent_at", "click_at", replySeconds)))
        .select(col("message_id"))
        .distinct()
        .withColumn("clicked", lit(true));
  }

  /**
   * Each purchase credits the latest campaign message (not failed) sent to the same user by the
   * same business within the window before it; messages without a campaign take no credit. A
   * payment record credits the order message it settles ({@code credited_message_id}).
   */
  static Dataset<Row> lastTouchCredits(Dataset<Row> messages, Dataset<Row> purchases, long attributionSeconds) {
    Dataset<Row> candidates = messages
        .filter(col("campaign").notEqual(Funnels.NO_CAMPAIGN).and(col("is_failed").equalTo(false)))
        .filter(col("user_id").isNotNull().and(col("waba_id").isNotNull()))
        .select(col("user_id"), col("waba_id"), col("sent_at").as("_at"), lit(1).as("_message"), col("message_id"),
            col("sent_at").as("_touch_at"), lit(null).cast("string").as("purchase_id"),
            lit(null).cast("decimal(18,2)").as("value"), lit(null).cast("string").as("currency"));
    Dataset<Row> bought = purchases.filter(col("credited_message_id").isNull())
        .select(col("user_id"), col("waba_id"), col("occurred_at").as("_at"), lit(0).as("_message"),
            lit(null).cast("string").as("message_id"), lit(null).cast("timestamp").as("_touch_at"), col("purchase_id"),
            col("value"), col("currency"));
    // One sort of each user's campaign messages and purchases: the last message before a
    // purchase (strictly before: at the same second the purchase sorts first) is its touch.
    WindowSpec before = Window.partitionBy("user_id", "waba_id").orderBy(col("_at"), col("_message"), col("message_id"))
        .rowsBetween(Window.unboundedPreceding(), -1);
    Dataset<Row> credited = candidates.unionByName(bought)
        .withColumn("_touch_id", last(col("message_id"), true).over(before))
        .withColumn("_touched_at", last(col("_touch_at"), true).over(before))
        .filter(col("_message").equalTo(0).and(col("_touch_id").isNotNull()).and(Times.within("_touched_at", "_at", attributionSeconds)))
        .select(col("_touch_id").as("message_id"), col("purchase_id"), col("value"), col("currency"));
    Dataset<Row> settled = purchases.filter(col("credited_message_id").isNotNull())
        .select(col("credited_message_id").as("message_id"), col("purchase_id"), col("value"), col("currency"));
    return credited.unionByName(settled).groupBy("message_id")
        .agg(
            count("*").as("purchases"),
            sum("value").as("revenue"),
            collect_set("currency").as("currencies"));
  }
}

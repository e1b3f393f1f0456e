package io.conversa.aggregate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

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
    Dataset<Row> replies = firstReplies(messages, inbound, replySeconds);
    Dataset<Row> clicks = clicks(messages, inbound, replySeconds);
    Dataset<Row> credits = lastTouchCredits(messages, purchases, attributionSeconds);
    return messages
        .join(replies, "message_id", "left")
        .join(clicks, "message_id", "left")
        .join(credits, "message_id", "left")
        .withColumn("is_replied", col("first_reply_at").isNotNull())
        .withColumn("is_clicked", coalesce(col("clicked"), lit(false)))
        .withColumn("purchases", coalesce(col("purchases"), lit(0L)))
        .withColumn("seconds_to_read", when(col("is_read"), Times.secondsBetween("sent_at", "read_at")))
        .withColumn("seconds_to_reply", Times.secondsBetween("sent_at", "first_reply_at"))
        .drop("clicked");
  }

  /** The user's first message within the window after a message that did not fail. */
  static Dataset<Row> firstReplies(Dataset<Row> messages, Dataset<Row> inbound, long replySeconds) {
    Dataset<Row> o = messages.filter(col("is_failed").equalTo(false))
        .select(col("message_id"), col("user_id").as("_user"), col("phone_number_id").as("_phone"), col("sent_at"));
    Dataset<Row> i = inbound.filter(col("type").isin((Object[]) NOT_REPLIES).equalTo(false).or(col("type").isNull()))
        .select(col("user_id").as("_i_user"), col("phone_number_id").as("_i_phone"), col("sent_at").as("reply_at"));
    return o.join(i, col("_user").equalTo(col("_i_user")).and(col("_phone").equalTo(col("_i_phone")))
            .and(Times.within("sent_at", "reply_at", replySeconds)))
        .groupBy("message_id")
        .agg(min("reply_at").as("first_reply_at"));
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
   * same business within the window before it; messages without a campaign take no credit.
   */
  static Dataset<Row> lastTouchCredits(Dataset<Row> messages, Dataset<Row> purchases, long attributionSeconds) {
    Dataset<Row> candidates = messages
        .filter(col("campaign").notEqual(Funnels.NO_CAMPAIGN).and(col("is_failed").equalTo(false)))
        .select(col("message_id"), col("user_id").as("_user"), col("waba_id").as("_waba"), col("sent_at"));
    Dataset<Row> credited =
        purchases.join(candidates,
                col("user_id").equalTo(col("_user")).and(col("waba_id").equalTo(col("_waba")))
                    .and(Times.within("sent_at", "occurred_at", attributionSeconds)))
            .withColumn("_touch", row_number().over(
                Window.partitionBy("purchase_id").orderBy(col("sent_at").desc(), col("message_id").desc())))
            .filter(col("_touch").equalTo(1));
    return credited.groupBy("message_id")
        .agg(
            count("*").as("purchases"),
            sum("value").as("revenue"),
            collect_set("currency").as("currencies"));
  }
}

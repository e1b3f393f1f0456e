package io.conversa.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.min;

import io.conversa.schema.TableSchemas;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.user_links}: a user's business-scoped id pseudonym and phone-number pseudonym,
 * from every payload that names both (contacts[], a message's from and from_user_id, a status's
 * recipient_id and recipient_user_id). Only pseudonyms are linked; no identifier is stored.
 */
public final class UserLinks {
  private UserLinks() {}

  public static Dataset<Row> from(Dataset<Row> changes) {
    Dataset<Row> messageChanges = changes.filter(col("field").equalTo("messages"));
    Dataset<Row> fromContacts =
        messageChanges
            .select(explode(col("value.contacts")).as("c"), col("value.messages").as("ms"), col("value.statuses").as("ss"))
            .select(
                col("c.user_id").as("bsuid_user_id"),
                col("c.wa_id").as("phone_user_id"),
                org.apache.spark.sql.functions.expr(
                        "least(aggregate(ms, cast(null as double), (acc, m) -> least(acc, cast(m.`timestamp` as double))),"
                            + " aggregate(ss, cast(null as double), (acc, s) -> least(acc, cast(s.`timestamp` as double))))")
                    .as("seconds"))
            .select(col("bsuid_user_id"), col("phone_user_id"), SilverColumns.instantOf("seconds").as("first_seen_at"));
    Dataset<Row> fromMessages = pairs(messageChanges, "value.messages", "from_user_id", "from");
    Dataset<Row> fromStatuses = pairs(messageChanges, "value.statuses", "recipient_user_id", "recipient_id");
    Dataset<Row> all =
        fromContacts.unionByName(fromMessages).unionByName(fromStatuses)
            .filter(col("bsuid_user_id").isNotNull().and(col("phone_user_id").isNotNull()))
            .groupBy("bsuid_user_id", "phone_user_id")
            .agg(min("first_seen_at").as("first_seen_at"));
    return Dedup.keepFirst(all, "bsuid_user_id", "first_seen_at", "phone_user_id").select(columns());
  }

  private static Dataset<Row> pairs(Dataset<Row> changes, String array, String bsuidField, String phoneField) {
    return changes
        .select(explode(col(array)).as("x"))
        .select(
            col("x." + bsuidField).as("bsuid_user_id"),
            col("x." + phoneField).as("phone_user_id"),
            SilverColumns.instantOf("x.timestamp").as("first_seen_at"));
  }

  static Column[] columns() {
    return Arrays.stream(TableSchemas.USER_LINKS.columnNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}

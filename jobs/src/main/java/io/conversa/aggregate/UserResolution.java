package io.conversa.aggregate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One user, one pseudonym: a business-scoped id's pseudonym becomes the phone number's when
 * silver.user_links knows both, so a user seen by phone in one event and by BSUID in another is
 * counted once.
 */
public final class UserResolution {
  private UserResolution() {}

  /** Replaces {@code user_id} by the user's canonical pseudonym. */
  public static Dataset<Row> resolve(Dataset<Row> rows, Dataset<Row> userLinks) {
    Dataset<Row> links = userLinks.select(col("bsuid_user_id").as("_bsuid"), col("phone_user_id").as("_phone"));
    return rows.join(broadcast(links), rows.col("user_id").equalTo(links.col("_bsuid")), "left")
        .withColumn("user_id", coalesce(col("_phone"), col("user_id")))
        .drop("_bsuid", "_phone");
  }
}

package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.conversa.common.Errors;
import io.conversa.privacy.Pseudonymizer;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The business's own record of what it sent: a CSV with a header and the columns
 * {@code message_id,campaign[,template][,reference_id]}. Message ids are wamids, so they are
 * pseudonymised on read, exactly as ingest pseudonymised them in the bodies; the file's ids are
 * never stored. {@code reference_id} names the order an order message asks payment for, so a
 * payment record ({@link PaymentRecords}) finds the message it settles.
 */
public final class SendLog {
  private SendLog() {}

  /**
   * @return message_id (pseudonym), send_log_campaign and send_log_reference_id (either may be
   *     null), one row per message id
   */
  public static Dataset<Row> read(SparkSession spark, String path, Pseudonymizer pseudonymizer) {
    Dataset<Row> csv = spark.read().option("header", "true").option("mode", "PERMISSIVE").csv(path);
    List<String> columns = Arrays.asList(csv.columns());
    if (!columns.contains("message_id") || !columns.contains("campaign")) {
      throw Errors.usage(
          "send log " + path + " has the columns " + columns + "; expected a header with message_id and campaign.",
          "give --send-log a CSV whose first line is message_id,campaign[,template][,reference_id].");
    }
    UserDefinedFunction pseudonym =
        udf((UDF1<String, String>) id -> id == null || id.isBlank() ? null : pseudonymizer.pseudonym(id), DataTypes.StringType);
    return csv
        .select(
            pseudonym.apply(trim(col("message_id"))).as("message_id"),
            blankAsNull(col("campaign")).as("send_log_campaign"),
            (columns.contains("reference_id") ? blankAsNull(col("reference_id")) : lit(null).cast("string")).as("send_log_reference_id"))
        .filter(col("message_id").isNotNull().and(col("send_log_campaign").isNotNull().or(col("send_log_reference_id").isNotNull())))
        .dropDuplicates("message_id");
  }

  /** Whether the send log has the reference_id column that payment records are matched by. */
  static boolean namesOrders(SparkSession spark, String path) {
    return Arrays.asList(spark.read().option("header", "true").csv(path).columns()).contains("reference_id");
  }

  private static Column blankAsNull(Column text) {
    return when(trim(text).notEqual(""), trim(text));
  }
}

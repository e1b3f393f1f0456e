package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.conversa.common.Errors;
import io.conversa.privacy.IdentifierDetector;
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
 * payment record ({@link PaymentRecords}) finds the message it settles. Campaign and template
 * names are searched for identifiers like the bodies' free text.
 */
public final class SendLog {
  private SendLog() {}

  /**
   * @return message_id (pseudonym), send_log_campaign, send_log_template and send_log_reference_id
   *     (any may be null), one row per message id
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
    // Names reach gold as they are: one a person typed a phone number or e-mail into must not.
    IdentifierDetector detector = new IdentifierDetector();
    UserDefinedFunction redacted = udf((UDF1<String, String>) name -> name == null ? null : detector.redact(name), DataTypes.StringType);
    return csv
        .select(
            pseudonym.apply(trim(col("message_id"))).as("message_id"),
            redacted.apply(blankAsNull(col("campaign"))).as("send_log_campaign"),
            redacted.apply(optional(columns, "template")).as("send_log_template"),
            optional(columns, "reference_id").as("send_log_reference_id"))
        .filter(col("message_id").isNotNull()
            .and(col("send_log_campaign").isNotNull().or(col("send_log_template").isNotNull()).or(col("send_log_reference_id").isNotNull())))
        .dropDuplicates("message_id");
  }

  /** Whether the send log has the reference_id column that payment records are matched by. */
  static boolean namesOrders(SparkSession spark, String path) {
    return Arrays.asList(spark.read().option("header", "true").csv(path).columns()).contains("reference_id");
  }

  private static Column optional(List<String> columns, String name) {
    return columns.contains(name) ? blankAsNull(col(name)) : lit(null).cast("string");
  }

  private static Column blankAsNull(Column text) {
    return when(trim(text).notEqual(""), trim(text));
  }
}

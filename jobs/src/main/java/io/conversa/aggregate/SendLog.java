package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.conversa.common.Errors;
import io.conversa.privacy.FileNames;
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

  /** Meta's message ids, as every send log names them: a row naming another id matches no message. */
  private static final String MESSAGE_ID = "^wamid\\.[A-Za-z0-9_=+/.-]{1,200}$";

  /**
   * Every row of the send log, usable or not.
   *
   * @return message_id (pseudonym), send_log_campaign, send_log_template and send_log_reference_id
   *     (any may be null), and problem: why the row cannot be used, null when it can
   */
  public static Dataset<Row> read(SparkSession spark, String path, Pseudonymizer pseudonymizer) {
    Dataset<Row> csv = spark.read().option("header", "true").option("mode", "PERMISSIVE").csv(path);
    List<String> columns = Arrays.asList(csv.columns());
    if (!columns.contains("message_id") || !columns.contains("campaign")) {
      // The first line's cells are not repeated: without a header they are a row of ids and names.
      throw Errors.usage(
          "send log " + FileNames.shown(path) + ", line 1: expected a header naming the columns message_id and campaign.",
          "give --send-log a CSV whose first line is message_id,campaign[,template][,reference_id].");
    }
    UserDefinedFunction pseudonym =
        udf((UDF1<String, String>) id -> id == null || id.isBlank() ? null : pseudonymizer.pseudonym(id), DataTypes.StringType);
    // Names reach gold as they are: one a person typed a phone number or e-mail into must not.
    IdentifierDetector detector = new IdentifierDetector();
    UserDefinedFunction redacted = udf((UDF1<String, String>) name -> name == null ? null : detector.redact(name), DataTypes.StringType);
    Column id = trim(col("message_id"));
    Column names = blankAsNull(col("campaign")).isNotNull().or(optional(columns, "template").isNotNull())
        .or(optional(columns, "reference_id").isNotNull());
    return csv
        .select(
            when(id.rlike(MESSAGE_ID), pseudonym.apply(id)).as("message_id"),
            redacted.apply(blankAsNull(col("campaign"))).as("send_log_campaign"),
            redacted.apply(optional(columns, "template")).as("send_log_template"),
            optional(columns, "reference_id").as("send_log_reference_id"),
            when(id.isNull().or(id.equalTo("")), lit("message_id is empty"))
                .when(id.rlike(MESSAGE_ID).equalTo(false), lit("message_id is not a WhatsApp message id (wamid....)"))
                .when(names.equalTo(false), lit("the row names no campaign, template or reference_id"))
                .as("problem"));
  }

  /** The usable rows, one per message id. */
  public static Dataset<Row> usable(Dataset<Row> rows) {
    return rows.filter(col("problem").isNull()).drop("problem").dropDuplicates("message_id");
  }

  /** How many rows {@link #read} read and how many of them it cannot use, in one pass. */
  public static QualityChecks.Result check(Dataset<Row> rows) {
    Row counts = rows.agg(org.apache.spark.sql.functions.count(lit(1)),
        org.apache.spark.sql.functions.count(col("problem"))).first();
    long unusable = counts.getLong(1);
    return new QualityChecks.Result("business.send_log", "send_log_row_is_usable",
        "Every row of the send log names a WhatsApp message id (wamid....) and a campaign, template or reference_id.",
        unusable == 0, unusable, counts.getLong(0));
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

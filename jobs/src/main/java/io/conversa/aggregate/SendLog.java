package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;

import io.conversa.common.Errors;
import io.conversa.privacy.Pseudonymizer;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The business's own record of what it sent: a CSV with a header and the columns
 * {@code message_id,campaign[,template]}. Message ids are wamids, so they are pseudonymised on
 * read, exactly as ingest pseudonymised them in the bodies; the file's ids are never stored.
 */
public final class SendLog {
  private SendLog() {}

  /** message_id (pseudonym) and campaign, one row per message id. */
  public static Dataset<Row> read(SparkSession spark, String path, Pseudonymizer pseudonymizer) {
    Dataset<Row> csv = spark.read().option("header", "true").option("mode", "PERMISSIVE").csv(path);
    List<String> columns = Arrays.asList(csv.columns());
    if (!columns.contains("message_id") || !columns.contains("campaign")) {
      throw Errors.usage(
          "send log " + path + " has the columns " + columns + "; expected a header with message_id and campaign.",
          "give --send-log a CSV whose first line is message_id,campaign[,template].");
    }
    UserDefinedFunction pseudonym =
        udf((UDF1<String, String>) id -> id == null || id.isBlank() ? null : pseudonymizer.pseudonym(id), DataTypes.StringType);
    return csv
        .select(pseudonym.apply(trim(col("message_id"))).as("message_id"), trim(col("campaign")).as("send_log_campaign"))
        .filter(col("message_id").isNotNull().and(col("send_log_campaign").isNotNull()).and(col("send_log_campaign").notEqual("")))
        .dropDuplicates("message_id");
  }

  /** Path, size and modification time: a changed send log recomputes gold. */
  public static String fingerprint(SparkSession spark, String path) {
    if (path == null) {
      return "none";
    }
    try {
      Path p = new Path(path);
      StringBuilder print = new StringBuilder(path);
      for (FileStatus status : p.getFileSystem(spark.sparkContext().hadoopConfiguration()).listStatus(p)) {
        print.append(';').append(status.getLen()).append('@').append(status.getModificationTime());
      }
      return print.toString();
    } catch (IOException e) {
      throw Errors.unreadableFile("send log", path, e);
    }
  }
}

package io.conversa.aggregate;

import io.conversa.common.Errors;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The business's own records that gold reads beside silver, each optional (null): its send log
 * (campaigns and order references by message id), its payment records (Pix and other payments
 * Meta sends no webhook for) and its rate card (null: the shipped one, {@link RateCard}).
 */
public record BusinessFiles(String sendLog, String payments, String rateCard) {
  public static BusinessFiles none() {
    return new BusinessFiles(null, null, null);
  }

  /**
   * The send log's path, sizes and modification times, whether there is a payments file, and the
   * rate card's content: gold built from others is recomputed. The payments file's content is
   * compared per date instead ({@link AggregateState#firstChangedPaymentDay}).
   */
  String fingerprint(SparkSession spark, RateCard card) {
    return "sendlog=" + fingerprint(spark, "send log", sendLog) + ";payments=" + (payments == null ? "none" : "by-day")
        + ";ratecard=" + card.fingerprint();
  }

  private static String fingerprint(SparkSession spark, String what, String path) {
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
      throw Errors.unreadableFile(what, path, e);
    }
  }
}

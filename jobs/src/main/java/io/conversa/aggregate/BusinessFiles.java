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
   * The send log's content, whether there is a payments file, and the rate card's content: gold
   * built from others is recomputed. A send log rewritten with the same rows changes nothing; the
   * payments file's content is compared per date instead ({@link AggregateState#firstChangedPaymentDay}).
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
      org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (FileStatus status : fs.listStatus(p)) {
        if (status.isFile()) {
          try (java.io.InputStream in = fs.open(status.getPath())) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
              digest.update(buffer, 0, n);
            }
          }
        }
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw Errors.unreadableFile(what, path, e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.conversa.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.common.ConversaException;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendLogTest {
  private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer(
      KeyRing.parse("k1:c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0NTY3OA==", "test").primary());
  private final SparkSession spark = SharedSpark.session();
  @TempDir Path dir;

  /** Without its header the first line is a row of ids and names: it is never quoted back. */
  @Test
  void aHeaderlessSendLogIsRefusedWithoutQuotingItsFirstRow() throws IOException {
    Path csv = Files.writeString(dir.resolve("send-log.csv"), "wamid.X1,promo-5511987654321,ana.souza@example.com\n");
    ConversaException e = assertThrows(ConversaException.class, () -> SendLog.read(spark, csv.toString(), PSEUDONYMS));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("line 1: expected a header naming the columns message_id and campaign"), e.getMessage());
    for (String value : List.of("wamid.X1", "5511987654321", "ana.souza")) {
      assertFalse(e.getMessage().contains(value), e.getMessage());
    }
  }

  @Test
  void unusableRowsAreCountedInAQualityCheck() throws IOException {
    StringBuilder csv = new StringBuilder("message_id,campaign,template\n");
    csv.append("wamid.HBgMNTUxMTk4NzY1NDMyMRUCABIYFjNFQjA=,black-friday,bf_long\n");
    csv.append("wamid.HBgMNTUxMTk4NzY1NDMyMRUCABIYFjNFQjA=,black-friday,bf_long\n"); // twice: one message
    csv.append("wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhgUM0VCMQ==,,\n"); // names nothing
    csv.append(",cart-reminder,\n");
    for (int i = 0; i < 40; i++) {
      csv.append("garbage-").append(i).append(",x,y\n");
    }
    Path file = Files.writeString(dir.resolve("send-log.csv"), csv.toString());
    Dataset<Row> rows = SendLog.read(spark, file.toString(), PSEUDONYMS);
    assertEquals(1, SendLog.usable(rows).count());
    QualityChecks.Result check = SendLog.check(rows);
    assertEquals("business.send_log", check.table());
    assertFalse(check.passed());
    assertEquals(42, check.violations());
    assertEquals(44, check.rowsChecked());
  }
}

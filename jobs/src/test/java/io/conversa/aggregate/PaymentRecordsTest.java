package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.common.ConversaException;
import io.conversa.testing.SharedSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentRecordsTest {
  private final SparkSession spark = SharedSpark.session();
  @TempDir Path dir;

  @Test
  void csvAndJsonLinesReadTheSameRowsAndNameWhatIsWrongWithABadOne() throws IOException {
    Path csv = dir.resolve("export.csv");
    Files.writeString(csv, "reference_id,amount,currency,status,paid_at,method\n"
        + "A-1,\"72,50\",brl,PAID,2026-11-16T10:30:00-03:00,pix\n"
        + "A-2,10,BRL,paid,1794830400,pix\n"
        + "A-3,12.00,BRL,paid,2026-11-16 10:00,pix\n"
        + "A-4,-1,BRL,paid,2026-11-16T10:00:00Z,pix\n"
        + "A-5,3.00,REAL,pending,,boleto\n");
    Path jsonl = dir.resolve("export.jsonl");
    Files.writeString(jsonl, "{\"reference_id\":\"A-1\",\"amount\":\"72,50\",\"currency\":\"brl\",\"status\":\"PAID\",\"paid_at\":\"2026-11-16T10:30:00-03:00\"}\n"
        + "{\"reference_id\":\"A-2\",\"amount\":10,\"currency\":\"BRL\",\"status\":\"paid\",\"paid_at\":1794830400}\n"
        + "{\"reference_id\":\"A-3\",\"amount\":12.00,\"currency\":\"BRL\",\"status\":\"paid\",\"paid_at\":\"2026-11-16 10:00\"}\n"
        + "{\"reference_id\":\"A-4\",\"amount\":-1,\"currency\":\"BRL\",\"status\":\"paid\",\"paid_at\":\"2026-11-16T10:00:00Z\"}\n"
        + "{\"reference_id\":\"A-5\",\"amount\":3.00,\"currency\":\"REAL\",\"status\":\"pending\"}\n");
    for (Path file : List.of(csv, jsonl)) {
      List<Row> rows = PaymentRecords.read(spark, file.toString()).orderBy(col("reference_id")).collectAsList();
      assertEquals(5, rows.size(), file.toString());
      Row a1 = rows.get(0);
      assertEquals(0, new BigDecimal("72.50").compareTo(a1.getAs("amount")), file.toString());
      assertEquals("BRL", a1.getAs("currency"));
      assertEquals("paid", a1.getAs("status"));
      assertEquals(Timestamp.from(Instant.parse("2026-11-16T13:30:00Z")), a1.getAs("paid_at"), file.toString());
      assertNull(a1.getAs("problem"));
      assertEquals(Timestamp.from(Instant.parse("2026-11-16T12:00:00Z")), rows.get(1).getAs("paid_at"), file.toString());
      assertTrue(rows.get(2).<String>getAs("problem").startsWith("paid_at is not an ISO-8601 time with its UTC offset"), file.toString());
      assertTrue(rows.get(3).<String>getAs("problem").startsWith("amount is not a number"), file.toString());
      assertTrue(rows.get(4).<String>getAs("problem").startsWith("currency is not an ISO 4217 code"), file.toString());
    }
  }

  @Test
  void aFileWithoutTheRequiredColumnsIsAUsageErrorNamingThem() throws IOException {
    Path csv = dir.resolve("export.csv");
    Files.writeString(csv, "id,value,currency\nA-1,1.00,BRL\n");
    ConversaException e = assertThrows(ConversaException.class, () -> PaymentRecords.read(spark, csv.toString()));
    assertTrue(e.getMessage().contains("expected the columns reference_id, amount, status, paid_at"), e.getMessage());
    assertEquals(2, e.exitCode());
  }

  /** An export without its header: its first row (a payer's e-mail, a Pix key) is never quoted back. */
  @Test
  void aHeaderlessExportIsRefusedWithoutQuotingItsFirstRow() throws IOException {
    Path csv = dir.resolve("pix-5511987654321.csv");
    Files.writeString(csv, "promo-5511987654321,149.90,BRL,paid,ana.souza@example.com\n");
    ConversaException e = assertThrows(ConversaException.class, () -> PaymentRecords.read(spark, csv.toString()));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("pix-[number].csv"), e.getMessage());
    for (String value : List.of("5511987654321", "ana.souza", "149.90")) {
      assertTrue(!e.getMessage().contains(value), e.getMessage());
    }
  }

  @Test
  void anAbsurdAmountIsAnUnusableRowNotAVanishedRevenue() throws IOException {
    Path csv = dir.resolve("export.csv");
    Files.writeString(csv, "reference_id,amount,currency,status,paid_at\n"
        + "A-1,9999999999999999.99,BRL,paid,2026-11-16T10:30:00-03:00\n"
        + "A-2,10000000000.00,BRL,paid,2026-11-16T10:30:00-03:00\n"
        + "A-3,1e30,BRL,paid,2026-11-16T10:30:00-03:00\n");
    List<Row> rows = PaymentRecords.read(spark, csv.toString()).orderBy(col("reference_id")).collectAsList();
    assertTrue(rows.get(0).<String>getAs("problem").startsWith("amount is above 10000000000"), rows.toString());
    assertNull(rows.get(1).getAs("problem"), "ten billion itself is a possible amount");
    assertTrue(rows.get(2).<String>getAs("problem").startsWith("amount is not a number"), rows.toString());
    PaymentRecords.Tally tally = PaymentRecords.tally(PaymentRecords.read(spark, csv.toString()), spark.emptyDataFrame().selectExpr("'x' as reference_id").limit(0));
    assertEquals(2, tally.invalid());
    assertEquals(false, tally.checks().get(0).passed(), "the quality check counts them");
  }
}

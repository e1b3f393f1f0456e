package io.conversa.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.lake.Lake;
import io.conversa.schema.TableSchemas;
import io.conversa.testing.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The declared checks find what they declare, and their results are kept in gold.quality_checks. */
class QualityChecksIT {
  @TempDir Path dir;

  @Test
  void aFunnelWithMoreDeliveredThanSentAndATwiceStoredKeyFailTheirChecks() {
    SparkSession spark = SharedSpark.session();
    Lake lake = new Lake(spark, dir.resolve("lake").toString());
    LocalDate day = LocalDate.parse("2026-11-17");
    Row good = funnelRow("black-friday", day, 40L, 38L);
    Row impossible = funnelRow("cyber-week", day, 10L, 12L);
    lake.table(TableSchemas.CAMPAIGN_FUNNEL);
    spark.createDataFrame(List.of(good, impossible, good), TableSchemas.CAMPAIGN_FUNNEL.schema())
        .write().format("delta").mode("append").save(lake.path(TableSchemas.CAMPAIGN_FUNNEL));

    List<QualityChecks.Result> results = QualityChecks.load().run(lake, day, day);
    Map<String, QualityChecks.Result> byName =
        results.stream().collect(Collectors.toMap(r -> r.table() + " " + r.name(), Function.identity()));
    QualityChecks.Result order = byName.get("gold.campaign_funnel funnel_order");
    assertFalse(order.passed());
    assertEquals(1, order.violations());
    assertEquals(3, order.rowsChecked());
    QualityChecks.Result unique = byName.get("gold.campaign_funnel key_unique");
    assertFalse(unique.passed());
    assertEquals(1, unique.violations(), "one row too many for its key");
    assertTrue(byName.get("gold.campaign_funnel suppressed_rows_hide_measures").passed());
    assertTrue(byName.get("silver.outbound_messages message_id_unique").passed(), "an empty table passes");

    QualityChecks.record(lake, results);
    assertEquals(2, lake.read(TableSchemas.QUALITY_CHECKS).filter("NOT passed").count());
  }

  private static Row funnelRow(String campaign, LocalDate day, long sent, long delivered) {
    Object[] values = new Object[TableSchemas.CAMPAIGN_FUNNEL.schema().size()];
    String[] names = TableSchemas.CAMPAIGN_FUNNEL.columnNames();
    for (int i = 0; i < names.length; i++) {
      values[i] = switch (names[i]) {
        case "client" -> "Loja Aurora";
        case "campaign" -> campaign;
        case "send_date" -> Date.valueOf(day);
        case "users" -> 20L;
        case "sent" -> sent;
        case "delivered" -> delivered;
        case "read", "failed", "replied", "clicked", "converted", "conversions" -> 0L;
        case "revenue" -> new BigDecimal("0.00");
        case "suppressed" -> false;
        case "computed_at" -> new Timestamp(0);
        default -> null;
      };
    }
    return RowFactory.create(values);
  }
}

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
    assertTrue(byName.get("gold.campaign_funnel withheld_figures_are_null").passed(), "nothing is withheld");
    assertTrue(byName.get("silver.outbound_messages message_id_unique").passed(), "an empty table passes");

    QualityChecks.record(lake, results);
    assertEquals(2, lake.read(TableSchemas.QUALITY_CHECKS).filter("NOT passed").count());
  }

  @Test
  void aWithheldFigureThatShowsAValueFailsItsCheck() {
    SparkSession spark = SharedSpark.session();
    Lake lake = new Lake(spark, dir.resolve("lake").toString());
    LocalDate day = LocalDate.parse("2026-11-17");
    // Message counts withheld (fewer than k recipients) and shown as nulls: as gold writes them.
    Row hidden = withheldRow(funnelRow("black-friday", day, 40L, 38L), true);
    // Withheld by name, yet users and sent still hold their numbers: a leak.
    Row leaking = withheldRow(funnelRow("cyber-week", day, 10L, 9L), false);
    // Nothing withheld but flagged suppressed: suppressed must say whether anything is withheld.
    Row flagged = withColumn(funnelRow("natal", day, 30L, 29L), "suppressed", true);
    lake.table(TableSchemas.CAMPAIGN_FUNNEL);
    spark.createDataFrame(List.of(hidden, leaking, flagged), TableSchemas.CAMPAIGN_FUNNEL.schema())
        .write().format("delta").mode("append").save(lake.path(TableSchemas.CAMPAIGN_FUNNEL));

    Map<String, QualityChecks.Result> byName = QualityChecks.load().run(lake, day, day).stream()
        .collect(Collectors.toMap(r -> r.table() + " " + r.name(), Function.identity()));
    QualityChecks.Result withheld = byName.get("gold.campaign_funnel withheld_figures_are_null");
    assertFalse(withheld.passed());
    assertEquals(2, withheld.violations(), "the leaking row and the flagged one");
    assertEquals(3, withheld.rowsChecked());
    assertTrue(byName.get("gold.campaign_funnel funnel_order").passed(), "a null figure breaks no order");
    assertTrue(byName.get("gold.campaign_funnel key_unique").passed());
  }

  /** The row with its message counts withheld: named in withheld, nulled when {@code nulled}, suppressed. */
  private static Row withheldRow(Row row, boolean nulled) {
    List<String> counts = List.of("users", "sent", "delivered", "read", "failed", "replied", "clicked");
    List<String> rates = List.of("delivery_rate", "read_rate", "reply_rate", "click_rate", "conversion_rate");
    Row out = withColumn(row, "withheld", java.util.stream.Stream.concat(counts.stream(), rates.stream()).toList());
    out = withColumn(out, "suppressed", true);
    if (nulled) {
      for (String figure : counts) {
        out = withColumn(out, figure, null);
      }
    }
    return out;
  }

  private static Row withColumn(Row row, String column, Object value) {
    Object[] values = new Object[row.length()];
    for (int i = 0; i < row.length(); i++) {
      values[i] = row.get(i);
    }
    values[List.of(TableSchemas.CAMPAIGN_FUNNEL.columnNames()).indexOf(column)] = value;
    return RowFactory.create(values);
  }

  private static Row funnelRow(String campaign, LocalDate day, long sent, long delivered) {
    Object[] values = new Object[TableSchemas.CAMPAIGN_FUNNEL.schema().size()];
    String[] names = TableSchemas.CAMPAIGN_FUNNEL.columnNames();
    for (int i = 0; i < names.length; i++) {
      values[i] = switch (names[i]) {
        case "client" -> "Loja Aurora";
        case "campaign" -> campaign;
        case "period" -> "day";
        case "period_start" -> Date.valueOf(day);
        case "users" -> 20L;
        case "sent" -> sent;
        case "delivered" -> delivered;
        case "read", "failed", "replied", "clicked", "converted", "conversions" -> 0L;
        case "revenue" -> new BigDecimal("0.00");
        case "withheld" -> List.of();
        case "suppressed" -> false;
        case "computed_at" -> new Timestamp(0);
        default -> null;
      };
    }
    return RowFactory.create(values);
  }
}

package io.conversa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's DuckDB reference must compute the funnel conversa computes, or the comparison
 * means nothing: on the golden event set it gives FunnelGoldenIT's hand-computed figures.
 */
class DuckDbFunnelTest {
  @TempDir Path dir;

  @Test
  void computesTheHandComputedCampaignFunnelOfTheGoldenEvents() throws IOException {
    Path logs = dir.resolve("logs");
    Files.createDirectories(logs.resolve("_generator"));
    try (InputStream in = DuckDbFunnelTest.class.getResourceAsStream("/golden/funnel-webhooks.jsonl")) {
      Files.write(logs.resolve("webhooks-2026-11.jsonl"), in.readAllBytes());
    }
    // Spark's sources and ingest skip underscore folders: so must the reference.
    Files.writeString(logs.resolve("_generator").resolve("app-secret"), "not a log");

    DuckDbFunnel.Result result = DuckDbFunnel.run(logs, dir.resolve("scratch"), 2);

    Map<String, DuckDbFunnel.Row> rows = result.rows().stream().collect(Collectors.toMap(r -> r.campaign() + "@" + r.sendDate(), r -> r));
    assertEquals(3, rows.size(), rows.toString());
    // D1 = 2026-11-16, D2 = 2026-11-17. users, sent, delivered, read, failed, replied, clicked, converted, as FunnelGoldenIT explains them
    assertFunnel(List.of(4L, 4L, 3L, 2L, 1L, 2L, 1L, 0L), rows.get("spring@2026-11-16"));
    assertFunnel(List.of(2L, 2L, 2L, 2L, 0L, 1L, 1L, 1L), rows.get("summer@2026-11-17"));
    assertFunnel(List.of(2L, 2L, 2L, 2L, 0L, 1L, 0L, 0L), rows.get("(none)@2026-11-17"));
    assertTrue(result.seconds() > 0);
  }

  @Test
  void agreementSumsOnlyTheRowsBothSidesHave() {
    DuckDbFunnel.Row shared = new DuckDbFunnel.Row("c", "spring", "2026-11-02", 20, 100, 90, 50, 10, 20, 5, 3);
    DuckDbFunnel.Row onlyDuckDb = new DuckDbFunnel.Row("c", "spring", "2026-11-03", 5, 7, 7, 7, 0, 0, 0, 0);
    FunnelAgreement agreement = FunnelAgreement.of(List.of(shared, onlyDuckDb), Map.of("c|spring|2026-11-02", new long[] {100, 90, 50, 10, 25, 5, 3}));

    assertEquals(1, agreement.commonRows());
    assertEquals(0.2, agreement.worstRelativeDifference(), 1e-9, "replied 20 against 25");
    assertTrue(agreement.summary().contains("replied 20/25"), agreement.summary());
  }

  @Test
  void anErrorNamesItsKindButQuotesNoValueOfTheLogs() {
    java.sql.SQLException conversion = new java.sql.SQLException("Conversion Error: Could not convert string '5511962541387' to INT64");
    assertEquals("Conversion Error", DuckDbFunnel.errorType(conversion));
    assertEquals("SQLException", DuckDbFunnel.errorType(new java.sql.SQLException("a message with no kind in front of it, 5511962541387")));
  }

  private static void assertFunnel(List<Long> expected, DuckDbFunnel.Row row) {
    assertEquals(expected, List.of(row.users(), row.sent(), row.delivered(), row.read(), row.failed(), row.replied(), row.clicked(),
        row.converted()), String.valueOf(row));
  }
}

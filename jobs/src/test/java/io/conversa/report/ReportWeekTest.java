package io.conversa.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.common.ConversaException;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Weeks, significance, folder names, SMTP settings: the report's small rules, without Spark. */
class ReportWeekTest {
  @Test
  void anIsoWeekRunsMondayToSunday() {
    ReportWeek week = ReportWeek.parse("2026-W47");
    assertEquals(LocalDate.parse("2026-11-16"), week.first());
    assertEquals(LocalDate.parse("2026-11-22"), week.last());
    assertEquals("2026-W46", week.previous().label());
    // 2026-12-31 is a Thursday: ISO week 53 of 2026; 2027-01-04 is the Monday of 2027-W01.
    assertEquals("2026-W53", ReportWeek.of(LocalDate.parse("2026-12-31")).label());
    assertEquals(LocalDate.parse("2027-01-04"), ReportWeek.parse("2027-W01").first());
    assertEquals(2, assertThrows(ConversaException.class, () -> ReportWeek.parse("2027-W53")).exitCode());
    assertEquals(2, assertThrows(ConversaException.class, () -> ReportWeek.parse("2026-47")).exitCode());
  }

  @Test
  void theLatestFullWeekEndsOnTheLastSundayOfTheData() {
    assertEquals("2026-W47", ReportWeek.latestFullWeekEndingBy(LocalDate.parse("2026-11-23")).label());
    assertEquals("2026-W47", ReportWeek.latestFullWeekEndingBy(LocalDate.parse("2026-11-22")).label());
    assertEquals("2026-W46", ReportWeek.latestFullWeekEndingBy(LocalDate.parse("2026-11-21")).label());
  }

  @Test
  void wilsonIntervalsDecideWhetherARateChanged() {
    // 50/100 vs 60/100: intervals [0.404, 0.596] and [0.502, 0.690] overlap, so noise.
    assertFalse(Significance.ratesDiffer(60, 100, 50, 100));
    // 500/1000 vs 600/1000: [0.469, 0.531] and [0.569, 0.630] do not.
    assertTrue(Significance.ratesDiffer(600, 1000, 500, 1000));
    // Below the minimum sample nothing is significant, however large the jump.
    assertFalse(Significance.ratesDiffer(20, 20, 0, 20));
    double[] interval = Significance.wilson(50, 100);
    assertEquals(0.4038, interval[0], 1e-3);
    assertEquals(0.5962, interval[1], 1e-3);
    // Counts: |130 - 100| = 30 > 1.96 sqrt(230) = 29.7; |129 - 100| = 29 is not.
    assertTrue(Significance.countsDiffer(130, 100));
    assertFalse(Significance.countsDiffer(129, 100));
    assertFalse(Significance.countsDiffer(12, 0), "fewer than 20 in both weeks");
  }

  @Test
  void folderNamesAreSafe() {
    assertEquals("Loja-A-B-Teste-Cia", ReportPaths.folderName("Loja \"A/B\" <Teste> & Cia"));
    assertEquals("Sao-Joao-Cafe", ReportPaths.folderName("São João Café"));
    assertEquals("etc-passwd", ReportPaths.folderName("../../etc/passwd"));
    assertTrue(ReportPaths.folderName("///").matches("client-[0-9a-f]{8}"));
    assertTrue(ReportPaths.distinctFolderName("a/b").startsWith("a-b-"));
  }

  @Test
  void csvCellsAreQuotedAndNeverFormulas() {
    assertEquals("\"a,b\"", CsvWriter.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvWriter.cell("say \"hi\""));
    assertEquals("'=HYPERLINK(1)", CsvWriter.cell("=HYPERLINK(1)"));
    assertEquals("-0.25", CsvWriter.cell("-0.25"));
  }

  @Test
  void smtpSettingsComeFromTheEnvironment() {
    SmtpSettings smtp = SmtpSettings.fromEnvironment(Map.of("CONVERSA_SMTP_HOST", "mail.example", "CONVERSA_SMTP_FROM", "r@a.example",
        "CONVERSA_SMTP_PASSWORD", "s3cret", "CONVERSA_SMTP_USER", "u"));
    assertEquals(587, smtp.port());
    assertTrue(smtp.startTls());
    assertFalse(smtp.toString().contains("s3cret"));
    assertEquals(25, SmtpSettings.fromEnvironment(Map.of("CONVERSA_SMTP_HOST", "h", "CONVERSA_SMTP_FROM", "f", "CONVERSA_SMTP_STARTTLS", "false")).port());
    ConversaException missing = assertThrows(ConversaException.class, () -> SmtpSettings.fromEnvironment(Map.of()));
    assertEquals(2, missing.exitCode());
    assertTrue(missing.getMessage().contains("CONVERSA_SMTP_HOST"));
    assertEquals(2, assertThrows(ConversaException.class,
        () -> SmtpSettings.fromEnvironment(Map.of("CONVERSA_SMTP_HOST", "h", "CONVERSA_SMTP_FROM", "f", "CONVERSA_SMTP_PORT", "x"))).exitCode());
  }

  @Test
  void aRuleTheReportIsGivenMustBeTheOneGoldWasBuiltWith() {
    io.conversa.config.FunnelRules gold = io.conversa.config.FunnelRules.DEFAULTS;
    ReportSettings stated = new ReportSettings("lake", ReportWeek.parse("2026-W47"), null, "reports",
        java.util.Locale.ENGLISH, io.conversa.config.ClientDirectory.none(), null, 5, null, null, null);
    ConversaException refused = assertThrows(ConversaException.class, () -> stated.checkAgainst(gold));
    assertEquals(2, refused.exitCode());
    assertTrue(refused.getMessage().contains("--min-group-size 5") && refused.getMessage().contains("built with 11"), refused.getMessage());
    ReportSettings agreeing = new ReportSettings("lake", ReportWeek.parse("2026-W47"), null, "reports",
        java.util.Locale.ENGLISH, io.conversa.config.ClientDirectory.none(), null, 11, java.time.Duration.ofHours(24), null, null);
    agreeing.checkAgainst(gold);
    ReportSettings otherWindow = new ReportSettings("lake", ReportWeek.parse("2026-W47"), null, "reports",
        java.util.Locale.ENGLISH, io.conversa.config.ClientDirectory.none(), null, null, java.time.Duration.ofHours(48), null, null);
    assertEquals(2, assertThrows(ConversaException.class, () -> otherWindow.checkAgainst(gold)).exitCode());
  }
}

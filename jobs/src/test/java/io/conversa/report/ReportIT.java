package io.conversa.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.conversa.generate.GeneratorSettings;
import io.conversa.generate.LogGenerator;
import io.conversa.generate.SampleClients;
import io.conversa.testing.CliRun;
import io.conversa.testing.PrivacyScan;
import io.conversa.testing.SharedSpark;
import io.conversa.testing.TestKeys;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conversa report} end to end: a two-week lake built by the real CLI from generated logs,
 * then reports of its second week. The figures of the HTML, the PDF and the CSV are checked
 * against gold recomputed here with Spark SQL; no identifier of the input reaches any of them;
 * every language renders; a quiet week, an unsafe client name and e-mail (GreenMail) behave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportIT {
  private static final byte[] SECRET = TestKeys.APP_SECRET.getBytes(StandardCharsets.UTF_8);
  private static final String WEEK = "2026-W47";
  private static final String UNSAFE = "Loja \"A/B\" <Teste> & Cia";

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

  @TempDir static Path dir;
  private SparkSession spark;
  private Path logs;
  private Path keyFile;
  private Path config;
  private String lake;
  private Path out;
  private CliRun report;
  private List<String> clients;

  @BeforeAll
  void buildALakeAndReportItsSecondWeek() throws IOException {
    spark = SharedSpark.session();
    logs = dir.resolve("logs");
    keyFile = TestKeys.keyFile(dir, "r1");
    GeneratorSettings defaults = GeneratorSettings.defaults(4_000, SECRET);
    // Two clients, 14 days from Monday 2026-11-09: weeks 2026-W46 and 2026-W47.
    GeneratorSettings settings =
        new GeneratorSettings(4_000, 2, 2, 150, 3, defaults.start(), 14, 7L, 2, 0.02, 0.05, 0.3, 0.01, 0.5, 0.5, SECRET);
    LogGenerator.generate(spark, settings, logs.toString());
    config = writeConfig(settings);
    lake = dir.resolve("lake").toString();
    CliRun run = CliRun.of("run", "--input", logs.toString(), "--lake", lake, "--key-file", keyFile.toString(),
        "--config", config.toString(), "--min-group-size", "3", "--master", "local[2]");
    assertEquals(0, run.exitCode(), run.all());
    out = dir.resolve("reports");
    report = report(out, "--send");
    assertEquals(0, report.exitCode(), report.all());
    clients = spark.read().format("delta").load(lake + "/gold/number_funnel").select("client").distinct()
        .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
    assertEquals(2, clients.size(), clients.toString());
    assertTrue(clients.contains(UNSAFE), clients.toString());
  }

  /** The sample clients' configuration, the second one renamed to a name unsafe in paths and HTML. */
  private Path writeConfig(GeneratorSettings settings) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(SampleClients.configJson(settings));
    // English for every client here (the figures below are read in English); the configured
    // language of a client is its own test.
    root.path("clients").forEach(c -> ((ObjectNode) c).put("locale", "en"));
    ObjectNode second = (ObjectNode) root.path("clients").get(1);
    second.put("name", UNSAFE);
    second.put("display_name", UNSAFE);
    Path file = dir.resolve("clients.json");
    Files.writeString(file, json.writeValueAsString(root));
    return file;
  }

  private CliRun report(Path into, String... extra) {
    return reportOf(WEEK, into, extra);
  }

  private CliRun reportOf(String week, Path into, String... extra) {
    // No --key-file: the report reads gold only.
    List<String> args = new ArrayList<>(List.of("report", "--lake", lake, "--week", week, "--out", into.toString(),
        "--config", config.toString(), "--min-group-size", "3", "--master", "local[2]"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  private Path folder(Path root, String client, String week) {
    return root.resolve(ReportPaths.folderName(client)).resolve(week);
  }

  /** The week's headline totals, recomputed from gold.number_funnel with SQL. */
  private Row goldTotals(String client) {
    return weekTotals(client, "2026-11-16");
  }

  /**
   * The headline totals of the week that starts on {@code monday}: the client's week rows of
   * gold.number_funnel (one per phone number) added up, or where a number withholds a figure, its
   * campaigns' week rows added up; null when both withhold it, since the report never adds up
   * around a withheld figure.
   */
  private Row weekTotals(String client, String monday) {
    spark.read().format("delta").load(lake + "/gold/number_funnel").createOrReplaceTempView("number_funnel_under_test");
    spark.read().format("delta").load(lake + "/gold/campaign_funnel").createOrReplaceTempView("campaign_funnel_under_test");
    String figures = "sent, delivered, read, replied, conversions, converted";
    String where = " WHERE client = ? AND period = 'week' AND period_start = DATE'" + monday + "'";
    return spark.sql("SELECT coalesce(n.sent, c.sent), coalesce(n.delivered, c.delivered), coalesce(n.read, c.read),"
        + " coalesce(n.replied, c.replied), coalesce(n.conversions, c.conversions), coalesce(n.converted, c.converted) FROM"
        + " (SELECT " + publishedSums(figures.split(", ")) + " FROM number_funnel_under_test" + where + ") n,"
        + " (SELECT " + publishedSums(figures.split(", ")) + " FROM campaign_funnel_under_test" + where + ") c",
        new Object[] {client, client}).first();
  }

  /** The sum of each figure, or null where a row withholds it. */
  private static String publishedSums(String... figures) {
    List<String> sums = new ArrayList<>();
    for (String f : figures) {
      sums.add("CASE WHEN count(" + f + ") = count(*) THEN sum(" + f + ") END AS " + f);
    }
    return String.join(", ", sums);
  }

  /** The week's figures gold withheld (rates aside) over the client's week rows of the gold tables of figures. */
  private long withheldFigures(String client) {
    long withheld = 0;
    for (String table : List.of("campaign_funnel", "template_funnel", "number_funnel", "conversations", "ad_referrals")) {
      Row r = spark.read().format("delta").load(lake + "/gold/" + table)
          .filter(org.apache.spark.sql.functions.col("client").equalTo(client))
          .filter("period = 'week' AND period_start = DATE'2026-11-16'")
          .selectExpr("sum(size(filter(withheld, f -> NOT f LIKE '%\\_rate')))").first();
      withheld += r.isNullAt(0) ? 0 : r.getLong(0);
    }
    return withheld;
  }

  /** The CSV's rows of a section, as measure (or item and measure for day rows) to this_week. */
  private static Map<String, String> section(Path csv, String section) throws IOException {
    Map<String, String> values = new HashMap<>();
    for (String[] cells : csvRows(csv)) {
      if (cells[0].equals(section)) {
        values.put(section.equals("day") || section.equals("weeks") ? cells[1] + " " + cells[2] : cells[2], cells[3]);
      }
    }
    return values;
  }

  /** The report's CSV as a spreadsheet reads it (RFC 4180): section, item, measure, this week, ... and the labels. */
  private static List<String[]> csvRows(Path csv) throws IOException {
    com.univocity.parsers.csv.CsvParserSettings settings = new com.univocity.parsers.csv.CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setNullValue("");
    settings.setEmptyValue("");
    try (java.io.Reader in = Files.newBufferedReader(csv)) {
      return new com.univocity.parsers.csv.CsvParser(settings).parseAll(in);
    }
  }

  /** Whether a count went from {@code before} to {@code now} by more than chance, as the report's definition says. */
  private static boolean significant(long now, long before) {
    return now + before >= 20 && Math.abs(now - before) > 1.959964 * Math.sqrt(now + before);
  }

  private static Map<String, String> kpis(Path csv) throws IOException {
    return section(csv, "kpi");
  }

  @Test
  void csvAndHtmlShowTheFiguresOfGold() throws IOException {
    NumberFormat en = NumberFormat.getIntegerInstance(Locale.ENGLISH);
    for (String client : clients) {
      Row gold = goldTotals(client);
      // Each client of this fixture reaches about a hundred people a week, k = 3: its week's message
      // counts must be published, from its numbers' week rows or, where gold withholds a number's
      // total to keep the campaign rows, from its campaigns' week rows (the same messages). Its
      // buyers are a handful a week: their figures may be withheld (fewer than k), never guessed.
      for (int i = 0; i < 4; i++) {
        assertFalse(gold.isNullAt(i), client + ": gold withholds a headline message count of " + WEEK + " in both tables: " + gold);
      }
      assertTrue(gold.getLong(0) > 100, client + " sent too little to test: " + gold);
      Path folder = folder(out, client, WEEK);
      Map<String, String> csv = kpis(folder.resolve("report.csv"));
      assertEquals(Long.toString(gold.getLong(0)), csv.get("sent"), client + " sent");
      assertEquals(gold.isNullAt(4) ? "withheld" : Long.toString(gold.getLong(4)), csv.get("conversions"), client + " conversions");
      assertEquals((double) gold.getLong(1) / gold.getLong(0), Double.parseDouble(csv.get("delivery_rate")), 1e-9, client + " delivery rate");
      assertEquals((double) gold.getLong(2) / gold.getLong(1), Double.parseDouble(csv.get("read_rate")), 1e-9, client + " read rate");
      assertEquals((double) gold.getLong(3) / gold.getLong(1), Double.parseDouble(csv.get("reply_rate")), 1e-9, client + " reply rate");
      if (gold.isNullAt(5) || gold.isNullAt(4)) {
        assertEquals("", csv.get("conversion_rate"), client + " conversion rate: a rate over (or beside) a withheld count is blank");
      } else {
        assertEquals((double) gold.getLong(5) / gold.getLong(1), Double.parseDouble(csv.get("conversion_rate")), 1e-9, client + " conversion rate");
      }
      Map<String, String> funnel = section(folder.resolve("report.csv"), "funnel");
      assertEquals(Long.toString(gold.getLong(1)), funnel.get("delivered"), client + " funnel delivered");
      assertEquals(Long.toString(gold.getLong(3)), funnel.get("replied"), client + " funnel replied");
      assertEquals(gold.isNullAt(5) ? "withheld" : Long.toString(gold.getLong(5)), funnel.get("converted"), client + " funnel converted");
      // The daily trend: each day's number_funnel day rows, or "withheld" where a number withholds the figure.
      Map<String, String> days = section(folder.resolve("report.csv"), "day");
      spark.read().format("delta").load(lake + "/gold/number_funnel").createOrReplaceTempView("number_days_under_test");
      List<Row> goldDays = spark.sql("SELECT string(period_start), " + publishedSums("sent", "replied")
          + " FROM number_days_under_test WHERE client = ? AND period = 'day'"
          + " AND period_start BETWEEN DATE'2026-11-16' AND DATE'2026-11-22' GROUP BY period_start", new Object[] {client}).collectAsList();
      assertFalse(goldDays.isEmpty(), client + ": the week has day rows in gold");
      for (Row day : goldDays) {
        assertEquals(day.isNullAt(1) ? "withheld" : Long.toString(day.getLong(1)), days.get(day.getString(0) + " sent"), client + " " + day);
        assertEquals(day.isNullAt(2) ? "withheld" : Long.toString(day.getLong(2)), days.get(day.getString(0) + " replied"), client + " " + day);
      }
      assertEquals(Long.toString(withheldFigures(client)), section(folder.resolve("report.csv"), "withheld").get("figures"),
          client + ": withheld,week,figures");
      assertEquals("3", section(folder.resolve("report.csv"), "withheld").get("min_group_size"), client + ": k from gold.releases");
      // One report, one set of figures: the eight weeks' rows of this week and the last show
      // what the headline shows, withheld where it is withheld, and last week's published
      // figures stand in the headline even when this week's are withheld.
      Map<String, String> weeks = section(folder.resolve("report.csv"), "weeks");
      assertEquals(csv.get("sent"), weeks.get("2026-11-16 sent"), client + ": the trend's week is the headline's");
      assertEquals(funnel.get("converted"), weeks.get("2026-11-16 converted"), client + ": the trend's buyers are the funnel's");
      Row before = weekTotals(client, "2026-11-09");
      String[] sentRow = csvRows(folder.resolve("report.csv")).stream().filter(r -> r[0].equals("kpi") && r[2].equals("sent")).findFirst().orElseThrow();
      assertEquals(before.isNullAt(0) ? "withheld" : Long.toString(before.getLong(0)), sentRow[4], client + ": last week's sent");
      assertEquals(sentRow[4], weeks.get("2026-11-09 sent"), client + ": last week in the headline and in the trend");
      assertEquals("Messages sent", sentRow[7], "the measure's label in the report's language");
      String html = Files.readString(folder.resolve("report.html"));
      assertTrue(html.contains(">" + en.format(gold.getLong(0)) + "<"), client + ": sent in the HTML");
      assertTrue(html.contains(String.format(Locale.ENGLISH, "%.1f%%", 100.0 * gold.getLong(1) / gold.getLong(0))), client + ": delivery rate in the HTML");
      assertTrue(html.contains("<svg"), "charts are inline SVG");
      assertFalse(html.contains("<script") || html.contains("src=\"http"), "the HTML is self-contained");
    }
  }

  @Test
  void thePdfHoldsTheSameFigures() throws IOException {
    NumberFormat en = NumberFormat.getIntegerInstance(Locale.ENGLISH);
    for (String client : clients) {
      Row gold = goldTotals(client);
      long sentBefore = weekTotals(client, "2026-11-09").getLong(0);
      String text = pdfText(folder(out, client, WEEK).resolve("report.pdf"));
      assertTrue(text.contains(en.format(gold.getLong(0))), client + ": sent in the PDF");
      assertTrue(text.contains(String.format(Locale.ENGLISH, "%.1f%%", 100.0 * gold.getLong(3) / gold.getLong(1))), client + ": reply rate in the PDF");
      // The row of messages sent: this week, last week, the change, and the one verdict the
      // definition gives for these two counts (|a - b| > 1.96 sqrt(a + b), at least 20 in all).
      String verdict = significant(gold.getLong(0), sentBefore) ? "significant" : "not significant";
      String row = "Messages sent " + en.format(gold.getLong(0)) + " " + en.format(sentBefore) + " \\S+ " + verdict;
      assertTrue(text.lines().anyMatch(line -> line.strip().matches(row)), client + ": no line matches " + row + " in\n" + text);
      assertTrue(text.contains("lower bound"), "the read rate's definition");
    }
  }

  @Test
  void noIdentifierOfTheInputReachesAnyReport() throws IOException {
    PrivacyScan scan = PrivacyScan.of(logs);
    assertTrue(scan.phoneCount() > 20, "the scan must have identifiers to look for");
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = file.toString().endsWith(".pdf") ? pdfText(file) : Files.readString(file);
        scan.assertAbsentFrom(file.toString(), text);
      }
    }
    scan.assertAbsentFrom("report output", report.all());
  }

  @Test
  void everyLanguageRenders() throws IOException {
    String client = clients.get(0);
    long sent = goldTotals(client).getLong(0);
    Map<String, String> words = Map.of("pt-BR", "Mensagens enviadas", "es", "Mensajes enviados", "en", "Messages sent");
    for (var language : words.entrySet()) {
      Path into = language.getKey().equals("en") ? out : dir.resolve("reports-" + language.getKey());
      if (!language.getKey().equals("en")) {
        CliRun run = report(into, "--client", client, "--locale", language.getKey());
        assertEquals(0, run.exitCode(), run.all());
      }
      Path folder = folder(into, client, WEEK);
      String html = Files.readString(folder.resolve("report.html"));
      assertTrue(html.contains("lang=\"" + language.getKey() + "\""), language.getKey());
      assertTrue(html.contains(language.getValue()), language.getKey() + " words");
      String count = NumberFormat.getIntegerInstance(Locale.forLanguageTag(language.getKey())).format(sent);
      assertTrue(html.contains(">" + count + "<"), language.getKey() + " numbers: " + count);
      assertTrue(pdfText(folder.resolve("report.pdf")).contains(language.getValue()), language.getKey() + " PDF");
      String[] sentRow = csvRows(folder.resolve("report.csv")).stream().filter(r -> r[0].equals("kpi") && r[2].equals("sent")).findFirst().orElseThrow();
      assertEquals(language.getValue(), sentRow[7], language.getKey() + ": the CSV's label beside the stable code");
    }
  }

  @Test
  void aClientReadsItsReportInItsConfiguredLanguageWithItsCurrency() throws IOException {
    String client = clients.stream().filter(c -> !c.equals(UNSAFE)).findFirst().orElseThrow();
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(config.toFile());
    root.path("clients").forEach(c -> ((ObjectNode) c).put("locale", c.path("name").asText().equals(client) ? "pt-BR" : "en"));
    Path portuguese = dir.resolve("clients-pt.json");
    Files.writeString(portuguese, new ObjectMapper().writeValueAsString(root));
    Path into = dir.resolve("reports-configured");
    CliRun run = CliRun.of("report", "--lake", lake, "--week", WEEK, "--out", into.toString(), "--config", portuguese.toString(),
        "--client", client, "--master", "local[2]");
    assertEquals(0, run.exitCode(), run.all());
    String html = Files.readString(folder(into, client, WEEK).resolve("report.html"));
    assertTrue(html.contains("lang=\"pt-BR\""), "the configured language");
    assertTrue(html.contains("Mensagens enviadas"), "Portuguese words");
    String sent = NumberFormat.getIntegerInstance(Locale.forLanguageTag("pt-BR")).format(goldTotals(client).getLong(0));
    assertTrue(html.contains(">" + sent + "<"), "pt-BR numbers: " + sent);
    // Cost by the shipped card is in dollars, written as a Brazilian writes it; revenue, when the
    // week shows one, in reais.
    assertTrue(html.matches("(?s).*>US\\$\u00a0[0-9.]*[0-9],[0-9]{2,4}<.*"), "cost in dollars with a decimal comma");
    if (html.contains("Receita (BRL)")) {
      assertTrue(html.matches("(?s).*>R\\$\u00a0[0-9.]*[0-9],[0-9]{2}<.*"), "revenue in reais");
    }
    assertFalse(html.contains("BRL") && html.matches("(?s).*BRL[ \u00a0][0-9].*") || html.matches("(?s).*USD[ \u00a0][0-9].*"),
        "no ISO code before an amount where the symbol is known");
    // The lake's internal figures go to the agency, not into the client's report.
    assertFalse(html.contains("quarantin"), "no quarantine figure in a client's report");
    assertTrue(Files.readString(into.resolve(WEEK + "-agency-summary.txt")).contains("quarantined lines:"), "the agency's summary");
  }

  @Test
  void aWeekWithoutActivityGivesAShortReport() throws IOException {
    Path into = dir.resolve("reports-quiet");
    CliRun run = reportOf("2026-W30", into);
    assertEquals(0, run.exitCode(), run.all());
    for (String client : clients) {
      Path folder = folder(into, client, "2026-W30");
      String html = Files.readString(folder.resolve("report.html"));
      assertTrue(html.contains("No activity for"), html);
      assertFalse(html.contains("<svg"), "no charts of nothing");
      assertTrue(Files.size(folder.resolve("report.html")) < 8_000, "short: " + Files.size(folder.resolve("report.html")));
      assertTrue(pdfText(folder.resolve("report.pdf")).contains("No activity for"));
      assertEquals("0", kpis(folder.resolve("report.csv")).get("sent"));
    }
  }

  @Test
  void anUnsafeClientNameIsEscapedInHtmlAndSanitisedInThePath() throws IOException {
    String name = ReportPaths.folderName(UNSAFE);
    assertTrue(name.matches("[A-Za-z0-9._-]+"), name);
    Path folder = out.resolve(name).resolve(WEEK);
    assertTrue(Files.isRegularFile(folder.resolve("report.html")), folder.toString());
    String html = Files.readString(folder.resolve("report.html"));
    assertTrue(html.contains("Loja &quot;A/B&quot; &lt;Teste&gt; &amp; Cia"), "escaped in the HTML");
    assertFalse(html.contains("<Teste>"), "never as markup");
    assertTrue(pdfText(folder.resolve("report.pdf")).contains(UNSAFE), "the PDF shows the name as it is");
  }

  @Test
  void sendMailsEachReportWithItsPdfAndCsv() throws Exception {
    MimeMessage[] received = MAIL.getReceivedMessages();
    assertEquals(2, received.length, "one message per client");
    assertTrue(report.out().contains("2 e-mailed"), report.out());
    for (MimeMessage message : received) {
      String subject = message.getSubject();
      String client = subject.startsWith(UNSAFE) ? UNSAFE : clients.stream().filter(c -> !c.equals(UNSAFE)).findFirst().orElseThrow();
      assertTrue(subject.endsWith("weekly WhatsApp report, " + WEEK), subject);
      Address[] to = message.getAllRecipients();
      assertEquals(1, to.length);
      assertEquals(recipientOf(client), to[0].toString(), subject);
      Multipart parts = (Multipart) message.getContent();
      assertEquals(3, parts.getCount());
      // The page with its charts as PNG images (mail clients drop inline SVG), then the files.
      assertTrue(parts.getBodyPart(0).isMimeType("multipart/related"), parts.getBodyPart(0).getContentType());
      Multipart page = (Multipart) parts.getBodyPart(0).getContent();
      assertTrue(page.getBodyPart(0).isMimeType("text/html"));
      String html = (String) page.getBodyPart(0).getContent();
      assertTrue(html.contains("src=\"cid:funnel\"") && html.contains("src=\"cid:trend\""), "charts as images");
      assertFalse(html.contains("<svg"), "no inline SVG in the mail");
      assertEquals(3, page.getCount());
      for (int i = 1; i < page.getCount(); i++) {
        jakarta.mail.internet.MimeBodyPart image = (jakarta.mail.internet.MimeBodyPart) page.getBodyPart(i);
        assertTrue(image.isMimeType("image/png"), image.getContentType());
        assertTrue(List.of("<funnel>", "<trend>").contains(image.getContentID()), image.getContentID());
        byte[] png = image.getInputStream().readAllBytes();
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
      }
      List<String> attachments = new ArrayList<>();
      for (int i = 1; i < parts.getCount(); i++) {
        assertEquals(Part.ATTACHMENT, parts.getBodyPart(i).getDisposition());
        attachments.add(parts.getBodyPart(i).getFileName());
      }
      assertEquals(List.of("report.pdf", "report.csv"), attachments);
      byte[] pdf = parts.getBodyPart(1).getInputStream().readAllBytes();
      assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
    }
  }

  @Test
  void aBadWeekIsAUsageError() {
    CliRun run = CliRun.of("report", "--lake", lake, "--week", "2026-47");
    assertEquals(2, run.exitCode(), run.all());
    assertTrue(run.err().contains("--week takes an ISO week as YYYY-Www"), run.err());
    assertFalse(run.err().contains("2026-47"), "the wrong value is not repeated: " + run.err());
  }

  @Test
  void aMinGroupSizeOtherThanGoldsIsAUsageError() {
    // Gold was built with k = 3 (gold.releases); the report takes it from there and refuses another.
    CliRun run = CliRun.of("report", "--lake", lake, "--week", WEEK, "--out", dir.resolve("reports-k4").toString(),
        "--config", config.toString(), "--min-group-size", "4", "--master", "local[2]");
    assertEquals(2, run.exitCode(), run.all());
    assertTrue(run.err().contains("--min-group-size 4 disagrees with gold, which was built with 3"), run.err());
    assertFalse(Files.exists(dir.resolve("reports-k4")), "nothing written");
  }

  private String recipientOf(String client) throws IOException {
    for (var entry : new ObjectMapper().readTree(config.toFile()).path("clients")) {
      if (entry.path("name").asText().equals(client)) {
        return entry.path("recipients").get(0).asText();
      }
    }
    throw new AssertionError(client + " is not configured");
  }

  private static String pdfText(Path pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(Files.readAllBytes(pdf))) {
      return new PDFTextStripper().getText(document);
    }
  }
}

package io.conversa.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conversa.testing.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] SECRET = "gen-secret".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void sameSeedSameBytes() throws IOException {
    GeneratorSettings settings = GeneratorSettings.defaults(4_000, SECRET);
    LogGenerator.generate(SharedSpark.session(), settings, dir.resolve("a").toString());
    LogGenerator.generate(SharedSpark.session(), settings, dir.resolve("b").toString());
    List<Path> files = files(dir.resolve("a"));
    assertEquals(2, files.size());
    for (Path file : files) {
      assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("b").resolve(file.getFileName())), file.toString());
    }
  }

  @Test
  void brazilianPixCheckoutsComeWithASendLogAndAPaymentsExportThatMatchTheLogs() throws IOException {
    GeneratorSettings settings = GeneratorSettings.defaults(30_000, SECRET);
    Path business = dir.resolve("business");
    LogGenerator.generate(SharedSpark.session(), settings, dir.resolve("logs").toString(), business.toString());
    StringBuilder logs = new StringBuilder();
    for (Path file : files(dir.resolve("logs"))) {
      lines(file).forEach(logs::append);
    }
    List<String> sendLog = new java.util.ArrayList<>();
    for (Path file : csvFiles(business.resolve("send-log"))) {
      List<String> lines = lines(file);
      assertEquals("message_id,campaign,template,reference_id", lines.get(0), file.toString());
      sendLog.addAll(lines.subList(1, lines.size()));
    }
    assertTrue(sendLog.size() > 20, "some Pix checkouts: " + sendLog.size());
    Set<String> references = new HashSet<>();
    for (String row : sendLog) {
      String[] cells = row.split(",", -1);
      assertTrue(logs.indexOf(cells[0]) >= 0, "the Pix charge " + cells[0] + " is in the logs");
      assertTrue(cells[3].startsWith("PED-"), row);
      references.add(cells[3]);
    }
    var records = io.conversa.aggregate.PaymentRecords.read(SharedSpark.session(), business.resolve("payments").toString());
    assertEquals(sendLog.size(), records.count(), "one payment row per charge");
    assertEquals(0, records.filter("problem IS NOT NULL").count(), "every row is usable");
    long paid = records.filter("status = 'paid'").count();
    assertTrue(paid > records.count() / 2 && paid < records.count(), "most charges paid, some pending or expired: " + paid);
    assertEquals(references.size(), records.select("reference_id").distinct().count());
    assertEquals(0, records.filter("currency <> 'BRL'").count(), "Pix is Brazilian");
  }

  @Test
  void logsLookLikeARealBusinesses() throws IOException {
    GeneratorSettings settings = GeneratorSettings.defaults(30_000, SECRET);
    LogGenerator.Result result = LogGenerator.generate(SharedSpark.session(), settings, dir.resolve("logs").toString());
    assertEquals(30_000, result.lines());
    Map<String, Set<String>> statusesByMessage = new HashMap<>();
    Set<String> inboundTypes = new HashSet<>();
    Set<String> fields = new HashSet<>();
    Set<String> currencies = new HashSet<>();
    int envelopes = 0;
    int raw = 0;
    int junk = 0;
    boolean gzip = false;
    for (Path file : files(dir.resolve("logs"))) {
      gzip |= file.toString().endsWith(".gz");
      for (String line : lines(file)) {
        JsonNode root;
        try {
          root = JSON.readTree(line);
        } catch (IOException e) {
          junk++;
          continue;
        }
        if (root == null || !root.isObject()) {
          junk++;
          continue;
        }
        JsonNode body = root;
        if (root.has("body") && root.get("body").isTextual()) {
          envelopes++;
          body = JSON.readTree(root.get("body").asText());
        } else if (root.has("object")) {
          raw++;
        } else {
          junk++;
          continue;
        }
        for (JsonNode change : body.at("/entry/0/changes")) {
          fields.add(change.get("field").asText());
          JsonNode value = change.get("value");
          for (JsonNode message : value.path("messages")) {
            String type = message.get("type").asText();
            inboundTypes.add(type.equals("interactive") ? message.at("/interactive/type").asText() : type);
            for (JsonNode item : message.at("/order/product_items")) {
              currencies.add(item.get("currency").asText());
            }
          }
          if ("messages".equals(change.get("field").asText())) {
            for (JsonNode status : value.path("statuses")) {
              if (!status.has("type") && !"group".equals(status.path("recipient_type").asText())) {
                statusesByMessage.computeIfAbsent(status.get("id").asText(), k -> new HashSet<>()).add(status.get("status").asText());
              }
            }
          }
        }
      }
    }
    assertTrue(gzip, "some files are gzip");
    assertTrue(envelopes > raw && raw > 0, "mostly signed envelopes, some raw bodies");
    assertTrue(junk > 100 && junk < 600, "about 1% junk lines, was " + junk);
    long sent = statusesByMessage.values().stream().filter(s -> s.contains("sent")).count();
    long delivered = statusesByMessage.values().stream().filter(s -> s.contains("sent") && (s.contains("delivered") || s.contains("read"))).count();
    long read = statusesByMessage.values().stream().filter(s -> s.contains("sent") && s.contains("read")).count();
    double deliveryRate = (double) delivered / sent;
    double readRate = (double) read / delivered;
    assertTrue(deliveryRate >= 0.88 && deliveryRate <= 0.97, "delivery rate " + deliveryRate);
    assertTrue(readRate >= 0.40 && readRate <= 0.70, "read rate " + readRate);
    for (String type : List.of("text", "image", "video", "audio", "document", "sticker", "location", "contacts", "button", "button_reply",
        "list_reply", "nfm_reply", "order", "reaction", "system", "unsupported", "request_welcome", "revoke", "edit")) {
      assertTrue(inboundTypes.contains(type), "no inbound " + type + " in " + inboundTypes);
    }
    assertTrue(fields.containsAll(List.of("messages", "calls", "automatic_events", "message_template_status_update", "smb_message_echoes", "user_preferences")), fields.toString());
    assertTrue(currencies.containsAll(List.of("BRL", "INR")), currencies.toString());
  }

  private static List<Path> csvFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".csv") && !f.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().startsWith("webhook-log-")).sorted().toList();
    }
  }

  private static List<String> lines(Path file) throws IOException {
    try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}

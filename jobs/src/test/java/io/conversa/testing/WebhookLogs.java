package io.conversa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conversa.ingest.SignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes small webhook log files by hand, for tests that need to know every line. */
public final class WebhookLogs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookLogs() {}

  /** The hand-built bodies of {@code bodies/every-type.jsonl}, compact, in file order. */
  public static List<String> everyTypeBodies() {
    try (InputStream in = WebhookLogs.class.getResourceAsStream("/bodies/every-type.jsonl")) {
      List<String> bodies = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        bodies.add(JSON.readTree(line).get("body").toString());
      }
      return bodies;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The public example payloads of a webhook corpus folder, one compact body each: pywa keeps a
   * file of named scenarios, each value one complete body; the other SDKs one pretty-printed body
   * a file, whose newlines are folded as a log line would hold them.
   */
  public static List<String> corpusBodies(Path corpus) {
    List<String> bodies = new ArrayList<>();
    try (java.util.stream.Stream<Path> files = Files.walk(corpus)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (file.getParent().getFileName().toString().equals("pywa")) {
          JSON.readTree(text).fields().forEachRemaining(scenario -> bodies.add(scenario.getValue().toString()));
        } else {
          bodies.add(text.replaceAll("\\s*\\R\\s*", " ").strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bodies;
  }

  public static List<String> canaries() {
    try (InputStream in = WebhookLogs.class.getResourceAsStream("/bodies/canaries.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String envelope(String body, String receivedAt, byte[] signingSecret) {
    StringBuilder line = new StringBuilder("{\"received_at\":\"").append(receivedAt).append("\",\"headers\":{");
    if (signingSecret != null) {
      line.append("\"X-Hub-Signature-256\":\"").append(SignatureVerifier.sign(signingSecret, body)).append('"');
    }
    JsonNode quoted = JSON.valueToTree(body);
    return line.append("},\"body\":").append(quoted.toString()).append('}').toString();
  }

  public static void write(Path file, List<byte[]> lines) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream raw = Files.newOutputStream(file);
          OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
        for (byte[] line : lines) {
          out.write(line);
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] utf8(String line) {
    return line.getBytes(StandardCharsets.UTF_8);
  }
}

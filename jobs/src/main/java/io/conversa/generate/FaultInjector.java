package io.conversa.generate;

import io.conversa.generate.Episodes.Emitted;
import io.conversa.ingest.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns bodies into log lines the way a real endpoint's log looks: most bodies wrapped in a
 * signed envelope, some logged raw, Meta's retries logged again later, a few forged signatures
 * and a share of junk lines (truncated, not JSON, not UTF-8, empty, wrong shape).
 */
final class FaultInjector {
  private static final String[] JUNK = {
    "<html><body>502 Bad Gateway</body></html>",
    "",
    "[1,2,3]",
    "{\"hello\":\"world\"}",
    "{\"object\":\"page\",\"entry\":[]}",
    "{\"received_at\":\"yesterday\",\"headers\":{},\"body\":\"{}\"}",
  };
  private static final byte[] FORGER_SECRET = "not-the-app-secret".getBytes(StandardCharsets.UTF_8);

  record Counts(long lines, long junk, long retries, long forged) implements java.io.Serializable {}

  private final GeneratorSettings settings;
  private final SplittableRandom random;
  private long junk;
  private long retries;
  private long forged;

  FaultInjector(GeneratorSettings settings, SplittableRandom random) {
    this.settings = settings;
    this.random = random;
  }

  /** Adds Meta's retries to a chunk before it is put in receipt order. */
  void addRetries(List<Emitted> chunk) {
    int size = chunk.size();
    for (int i = 0; i < size; i++) {
      if (random.nextDouble() < settings.duplicateRate()) {
        Emitted original = chunk.get(i);
        chunk.add(new Emitted(original.receivedAt() + 20 + random.nextLong(6 * 3600), original.body()));
        retries++;
      }
    }
  }

  /** The log line(s) for one received body; a junk line may come first. */
  void render(Emitted emitted, List<byte[]> lines) {
    if (random.nextDouble() < settings.malformedRate()) {
      lines.add(junkLine(emitted));
      junk++;
    }
    if (random.nextDouble() >= settings.envelopeShare()) {
      lines.add(emitted.body().getBytes(StandardCharsets.UTF_8));
      return;
    }
    byte[] secret = settings.appSecret();
    if (random.nextDouble() < settings.forgedRate()) {
      secret = FORGER_SECRET;
      forged++;
    }
    lines.add(envelope(emitted, SignatureVerifier.sign(secret, emitted.body())).getBytes(StandardCharsets.UTF_8));
  }

  Counts counts(long lines) {
    return new Counts(lines, junk, retries, forged);
  }

  private byte[] junkLine(Emitted emitted) {
    int kind = random.nextInt(JUNK.length + 2);
    if (kind == JUNK.length) {
      String body = emitted.body();
      return body.substring(0, 1 + random.nextInt(body.length() - 1)).getBytes(StandardCharsets.UTF_8);
    }
    if (kind == JUNK.length + 1) {
      byte[] latin1 = ("{\"note\":\"pedido n\u00e3o entregue\"}").getBytes(StandardCharsets.ISO_8859_1);
      return latin1;
    }
    return JUNK[kind].getBytes(StandardCharsets.UTF_8);
  }

  private static String envelope(Emitted emitted, String signature) {
    StringBuilder line = new StringBuilder(emitted.body().length() + 200);
    line.append("{\"received_at\":\"").append(Instant.ofEpochSecond(emitted.receivedAt()))
        .append("\",\"headers\":{\"Content-Type\":\"application/json\",\"X-Hub-Signature-256\":\"")
        .append(signature).append("\"},\"body\":");
    JsonStrings.appendQuoted(line, emitted.body());
    return line.append('}').toString();
  }
}

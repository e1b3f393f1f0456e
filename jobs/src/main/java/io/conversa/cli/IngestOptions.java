package io.conversa.cli;

import io.conversa.ingest.IngestSettings;
import io.conversa.privacy.KeyRing;
import picocli.CommandLine.Option;

/** What ingest reads and how: shared by ingest and run. */
final class IngestOptions {
  @Option(names = "--input", required = true, paramLabel = "DIR", description = "Folder (or file) of webhook logs: *.jsonl, *.jsonl.gz; any Hadoop URI.")
  String input;

  @Option(names = "--accept-unsigned", description = {
      "With an app secret, keep lines that carry no signature (raw bodies, envelopes without X-Hub-Signature-256)",
      "instead of quarantining them as unsigned: a trust decision for logs that kept bodies only. Counted in the summary."})
  boolean acceptUnsigned;

  @Option(names = "--reprocess", description = "Read every file again, also those already ingested (bodies are still stored once).")
  boolean reprocess;

  @Option(names = "--max-line-bytes", defaultValue = "16777216", paramLabel = "N", description = "Lines longer than this are quarantined as too_large (default: ${DEFAULT-VALUE}).")
  int maxLineBytes;

  IngestSettings settings(String lake, KeyRing keys, byte[] appSecret) {
    return new IngestSettings(input, lake, keys, appSecret, acceptUnsigned, reprocess, maxLineBytes);
  }
}

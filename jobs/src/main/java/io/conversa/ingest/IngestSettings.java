package io.conversa.ingest;

import io.conversa.privacy.KeyRing;

/**
 * What one ingest run needs. {@code appSecret} null means signatures are not checked;
 * {@code acceptUnsigned} keeps lines without a signature when there is a secret (a trust decision).
 * {@code reprocess} re-reads files the ledger already holds (bronze still stores each body once).
 */
public record IngestSettings(
    String input, String lake, KeyRing keys, byte[] appSecret, boolean acceptUnsigned, boolean reprocess, int maxLineBytes) {
  public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
}

package io.conversa.ingest;

import java.io.Serializable;

/**
 * A webhook log file as listed: {@code path} is where it is read from; {@code name} is the path
 * as conversa stores and prints it ({@link io.conversa.privacy.FileNames#stored}); its identity
 * for the ingest ledger is name, size and mtime.
 */
public record LogFile(String path, String name, long sizeBytes, long modifiedAtMillis) implements Serializable {
  /** What the ledger knows a file by. */
  String identity() {
    return name + "@" + sizeBytes + "@" + modifiedAtMillis;
  }
}

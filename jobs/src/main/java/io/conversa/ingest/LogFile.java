package io.conversa.ingest;

import java.io.Serializable;

/** A webhook log file as listed: its identity for the ingest ledger is path, size and mtime. */
public record LogFile(String path, long sizeBytes, long modifiedAtMillis) implements Serializable {}

package io.conversa.ingest;

/** Why a log line did not become a bronze event. The names are the values of bronze.quarantine.reason. */
public enum QuarantineReason {
  EMPTY_LINE,
  TOO_LARGE,
  NOT_UTF8,
  NOT_JSON,
  TRUNCATED_JSON,
  NOT_A_WEBHOOK,
  BAD_ENVELOPE,
  SIGNATURE_MISMATCH,
  /** With an app secret, a line with no signature to verify (ingest --accept-unsigned keeps it). */
  UNSIGNED,
  /** A message or status timestamp that is no Unix time of 2009 to 2100, or far from the line's receipt. */
  IMPLAUSIBLE_TIMESTAMP,
  /** Not a line: the file could not be read past this offset (a cut-off gzip stream). */
  TRUNCATED_FILE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

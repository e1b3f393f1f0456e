package io.conversa.ingest;

import io.conversa.ingest.LineVerdict.Event;
import io.conversa.ingest.LineVerdict.Quarantined;
import io.conversa.privacy.LineCipher;
import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Classifies one line and lays the verdict out as a staged row (see {@link StagedLines}). */
final class LineStager implements Serializable {
  private static final long serialVersionUID = 1L;
  private final LineClassifier classifier;
  private final LineCipher cipher;
  private final Timestamp ingestedAt;
  private final Date ingestDate;
  private final java.util.Map<String, Integer> fileIndex;
  private final int kind;
  private final int lineKey;
  private final int eventId;
  private final int eventDate;
  private final int receivedAt;
  private final int ingestedAtColumn;
  private final int ingestDateColumn;
  private final int sourceFile;
  private final int sourceLine;
  private final int sourceOffset;
  private final int lineFormat;
  private final int signature;
  private final int wabaId;
  private final int fields;
  private final int bodyBytes;
  private final int payload;
  private final int reason;
  private final int detail;
  private final int lineBytes;
  private final int lineSha256;
  private final int keyId;
  private final int lineEncrypted;
  private final int width;

  LineStager(LineClassifier classifier, LineCipher cipher, Instant ingestedAt, java.util.List<LogFile> files) {
    this.classifier = classifier;
    this.fileIndex = new java.util.HashMap<>();
    for (LogFile file : files) {
      fileIndex.put(file.path(), fileIndex.size());
    }
    this.cipher = cipher;
    this.ingestedAt = Timestamp.from(ingestedAt);
    this.ingestDate = Date.valueOf(LocalDate.ofInstant(ingestedAt, ZoneOffset.UTC));
    StagedLines s = StagedLines.SCHEMA;
    kind = s.indexOf(StagedLines.KIND);
    lineKey = s.indexOf(StagedLines.LINE_KEY);
    eventId = s.indexOf("event_id");
    eventDate = s.indexOf("event_date");
    receivedAt = s.indexOf("received_at");
    ingestedAtColumn = s.indexOf("ingested_at");
    ingestDateColumn = s.indexOf("ingest_date");
    sourceFile = s.indexOf("source_file");
    sourceLine = s.indexOf("source_line");
    sourceOffset = s.indexOf("source_offset");
    lineFormat = s.indexOf("line_format");
    signature = s.indexOf("signature");
    wabaId = s.indexOf("waba_id");
    fields = s.indexOf("fields");
    bodyBytes = s.indexOf("body_bytes");
    payload = s.indexOf("payload");
    reason = s.indexOf("reason");
    detail = s.indexOf("detail");
    lineBytes = s.indexOf("line_bytes");
    lineSha256 = s.indexOf("line_sha256");
    keyId = s.indexOf("key_id");
    lineEncrypted = s.indexOf("line_encrypted");
    width = s.width();
  }

  /** The row that accounts for the unreadable rest of a file, from {@code offset} on. */
  Row stageUnreadableRest(String file, long offset) {
    Object[] values = new Object[width];
    values[ingestedAtColumn] = ingestedAt;
    values[ingestDateColumn] = ingestDate;
    values[sourceFile] = file;
    values[sourceOffset] = offset;
    values[lineKey] = ((long) fileIndex.getOrDefault(file, -1) << 40) | offset;
    values[kind] = StagedLines.KIND_QUARANTINED;
    values[reason] = QuarantineReason.TRUNCATED_FILE.label();
    values[detail] = "the file cannot be read past byte " + offset + " of its content (cut-off gzip stream?); lines before it were read";
    values[lineBytes] = 0;
    values[lineSha256] = cipher.lineHash(new byte[0], 0);
    values[keyId] = cipher.keyId();
    values[lineEncrypted] = cipher.seal(new byte[0]);
    return RowFactory.create(values);
  }

  Row stage(String file, Long lineNumber, long offset, byte[] line, int length) {
    Object[] values = new Object[width];
    values[ingestedAtColumn] = ingestedAt;
    values[ingestDateColumn] = ingestDate;
    values[sourceFile] = file;
    values[sourceLine] = lineNumber;
    values[sourceOffset] = offset;
    values[lineKey] = ((long) fileIndex.getOrDefault(file, -1) << 40) | offset;
    LineVerdict verdict = classifier.classify(line, length);
    if (verdict instanceof Event event) {
      values[kind] = StagedLines.KIND_EVENT;
      values[eventId] = event.eventId();
      values[eventDate] = event.eventDate() == null ? null : Date.valueOf(event.eventDate());
      values[receivedAt] = event.receivedAt() == null ? null : Timestamp.from(event.receivedAt());
      values[lineFormat] = event.lineFormat();
      values[signature] = event.signature();
      values[wabaId] = event.wabaId();
      values[fields] = event.fields().toArray(new String[0]);
      values[bodyBytes] = event.bodyBytes();
      values[payload] = event.payload();
    } else {
      Quarantined quarantined = (Quarantined) verdict;
      byte[] exact = java.util.Arrays.copyOf(line, length);
      values[kind] = StagedLines.KIND_QUARANTINED;
      values[reason] = quarantined.reason().label();
      values[detail] = quarantined.detail();
      values[lineBytes] = length;
      values[lineSha256] = cipher.lineHash(exact, length);
      values[keyId] = cipher.keyId();
      values[lineEncrypted] = cipher.seal(exact);
    }
    return RowFactory.create(values);
  }
}

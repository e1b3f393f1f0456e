package io.conversa.ingest;

import io.conversa.ingest.LineVerdict.Event;
import io.conversa.ingest.LineVerdict.Quarantined;
import io.conversa.privacy.LineCipher;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Classifies one line and lays the verdict out as a staged row (see {@link StagedLines}), in
 * Spark's internal form (UTF8String, microseconds, epoch days): building external Rows and
 * converting each one cost a fifth of the classification stage.
 */
final class LineStager implements Serializable {
  private static final long serialVersionUID = 1L;
  private final LineClassifier classifier;
  private final LineCipher cipher;
  private final long ingestedAt;
  private final int ingestDate;
  private final java.util.Map<String, Integer> fileIndex;
  private final java.util.Map<String, UTF8String> storedNames;
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
  private final int redactedValues;
  private final int droppedValues;
  private final int incompleteEvents;
  private final int reason;
  private final int detail;
  private final int lineBytes;
  private final int lineSha256;
  private final int keyId;
  private final int lineEncrypted;
  private final int pseudonymLinks;
  private final int width;
  private final UTF8String keyIdText;
  private static final UTF8String EVENT = UTF8String.fromString(StagedLines.KIND_EVENT);
  private static final UTF8String QUARANTINED = UTF8String.fromString(StagedLines.KIND_QUARANTINED);

  LineStager(LineClassifier classifier, LineCipher cipher, Instant ingestedAt, java.util.List<LogFile> files) {
    this.classifier = classifier;
    this.fileIndex = new java.util.HashMap<>();
    this.storedNames = new java.util.HashMap<>();
    for (LogFile file : files) {
      fileIndex.put(file.path(), fileIndex.size());
      storedNames.put(file.path(), UTF8String.fromString(file.name()));
    }
    this.cipher = cipher;
    this.ingestedAt = micros(ingestedAt);
    this.ingestDate = (int) LocalDate.ofInstant(ingestedAt, ZoneOffset.UTC).toEpochDay();
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
    redactedValues = s.indexOf("redacted_values");
    droppedValues = s.indexOf("dropped_values");
    incompleteEvents = s.indexOf("incomplete_events");
    reason = s.indexOf("reason");
    detail = s.indexOf("detail");
    lineBytes = s.indexOf("line_bytes");
    lineSha256 = s.indexOf("line_sha256");
    keyId = s.indexOf("key_id");
    lineEncrypted = s.indexOf("line_encrypted");
    pseudonymLinks = s.indexOf(StagedLines.PSEUDONYM_LINKS);
    width = s.width();
    keyIdText = UTF8String.fromString(cipher.keyId());
  }

  /** The row that accounts for the unreadable rest of a file, from {@code offset} on. */
  InternalRow stageUnreadableRest(String file, long offset) {
    Object[] values = new Object[width];
    values[ingestedAtColumn] = ingestedAt;
    values[ingestDateColumn] = ingestDate;
    values[sourceFile] = storedName(file);
    values[sourceOffset] = offset;
    values[lineKey] = ((long) fileIndex.getOrDefault(file, -1) << 40) | offset;
    values[kind] = QUARANTINED;
    values[reason] = UTF8String.fromString(QuarantineReason.TRUNCATED_FILE.label());
    values[detail] = UTF8String.fromString("the file cannot be read past byte " + offset + " of its content ("
        + (file.endsWith(".gz") ? "a gzip stream cut off by rotation or a crash?" : "it changed or vanished while it was read?")
        + "); lines before it were read");
    values[lineBytes] = 0;
    values[lineSha256] = UTF8String.fromString(cipher.lineHash(new byte[0], 0));
    values[keyId] = keyIdText;
    values[lineEncrypted] = cipher.seal(new byte[0], storedName(file).toString(), offset);
    return new GenericInternalRow(values);
  }

  InternalRow stage(String file, Long lineNumber, long offset, byte[] line, int length) {
    Object[] values = new Object[width];
    values[ingestedAtColumn] = ingestedAt;
    values[ingestDateColumn] = ingestDate;
    values[sourceFile] = storedName(file);
    values[sourceLine] = lineNumber;
    values[sourceOffset] = offset;
    values[lineKey] = ((long) fileIndex.getOrDefault(file, -1) << 40) | offset;
    LineVerdict verdict = classifier.classify(line, length);
    if (verdict instanceof Event event) {
      values[kind] = EVENT;
      values[eventId] = UTF8String.fromString(event.eventId());
      values[eventDate] = event.eventDate() == null ? null : (int) event.eventDate().toEpochDay();
      values[receivedAt] = event.receivedAt() == null ? null : micros(event.receivedAt());
      values[lineFormat] = UTF8String.fromString(event.lineFormat());
      values[signature] = UTF8String.fromString(event.signature());
      values[wabaId] = event.wabaId() == null ? null : UTF8String.fromString(event.wabaId());
      values[fields] = texts(event.fields());
      values[bodyBytes] = event.bodyBytes();
      values[payload] = UTF8String.fromBytes(event.payloadUtf8());
      values[redactedValues] = (int) event.scrub().redactedValues();
      values[droppedValues] = (int) event.scrub().droppedValues();
      values[incompleteEvents] = (int) event.scrub().incompleteEvents();
    } else {
      Quarantined quarantined = (Quarantined) verdict;
      byte[] exact = java.util.Arrays.copyOf(line, length);
      values[kind] = QUARANTINED;
      values[reason] = UTF8String.fromString(quarantined.reason().label());
      values[detail] = UTF8String.fromString(quarantined.detail());
      values[lineBytes] = length;
      values[lineSha256] = UTF8String.fromString(cipher.lineHash(exact, length));
      values[keyId] = keyIdText;
      values[lineEncrypted] = cipher.seal(exact, storedName(file).toString(), offset);
    }
    values[pseudonymLinks] = links(classifier.takePseudonymLinks());
    return new GenericInternalRow(values);
  }

  /**
   * The file's name as stored: quarantined lines are sealed to it, so that recovery and erase
   * open them with what the table holds.
   */
  private UTF8String storedName(String file) {
    UTF8String name = storedNames.get(file);
    if (name == null) {
      throw new IllegalStateException("a line of a file this run did not list");
    }
    return name;
  }

  /** Null when the line made no new link, as every line does unless the ring holds two or more keys. */
  private static GenericArrayData links(List<String[]> links) {
    if (links.isEmpty()) {
      return null;
    }
    Object[] rows = new Object[links.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new GenericInternalRow(new Object[] {UTF8String.fromString(links.get(i)[0]), UTF8String.fromString(links.get(i)[1])});
    }
    return new GenericArrayData(rows);
  }

  private static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  private static GenericArrayData texts(List<String> values) {
    Object[] texts = new Object[values.size()];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = UTF8String.fromString(values.get(i));
    }
    return new GenericArrayData(texts);
  }
}

package io.conversa.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.conversa.privacy.PayloadScrubber;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Copies a JSON object token by token, as the {@link PayloadScrubber} decides for each member,
 * and picks up on the way the facts bronze keeps beside the payload (WABA, fields, the body's
 * earliest timestamp) and the members of an envelope. One pass, no tree: parsing, scrubbing and
 * writing a body is most of what ingest costs.
 */
final class BodyCopier {
  /** Unix seconds above this are taken as milliseconds (a few relays send those). */
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;
  private static final int MAX_PATH = 1_024;
  static final long EARLIEST_PLAUSIBLE = 1_230_768_000L;
  static final long LATEST_PLAUSIBLE = 4_102_444_800L;

  // A message or status silver can use has an id, a timestamp, and a type (messages) or a
  // status (statuses); without one refine drops it, so ingest counts it.
  private static final int HAS_ID = 1;
  private static final int HAS_TIMESTAMP = 2;
  private static final int HAS_KIND = 4;
  private static final int COMPLETE_EVENT = HAS_ID | HAS_TIMESTAMP | HAS_KIND;

  private final PayloadScrubber scrubber;
  private final JsonFactory json;
  private final ByteArrayBuilder buffer = new ByteArrayBuilder(4_096);
  private final String[] path = new String[MAX_PATH];
  /** The WABA id of the entry being copied: people are pseudonymised within it. */
  private String business = "";
  /** The fields of the message or status being copied, as HAS_ bits. */
  private int presentFields;
  private Copy copy;

  BodyCopier(PayloadScrubber scrubber, JsonFactory json) {
    this.scrubber = scrubber;
    this.json = json;
  }

  /** What one copy saw. Envelope members are only collected at the top level. */
  static final class Copy implements PayloadScrubber.Tally {
    /** The scrubbed copy as UTF-8; null when the object is no webhook body (no "object"). */
    byte[] payload;
    String object;
    boolean entryIsArray;
    String wabaId;
    final List<String> fields = new ArrayList<>(2);
    long earliestSeconds = Long.MAX_VALUE;
    /** The range of the messages' and statuses' own timestamps (plausible ones), for the receipt check. */
    long earliestEventSeconds = Long.MAX_VALUE;
    long latestEventSeconds = Long.MIN_VALUE;
    /** Where the first message or status timestamp that is no Unix time of 2009 to 2100 sits; null when none. */
    String implausibleTimestamp;
    String envelopeBody;
    boolean hasBody;
    JsonToken receivedAtToken;
    String receivedAt;
    boolean headersNotObject;
    String signatureHeader;
    /** Kept strings and keys in which an identifier detector redacted something. */
    int redactedValues;
    /** Strings and long numbers replaced by the drop mark: under keys the allowlist does not know. */
    int droppedValues;
    /** Messages and statuses without the id, type or status and timestamp silver needs: they reach no table. */
    int incompleteEvents;

    @Override
    public void redacted() {
      redactedValues++;
    }

    @Override
    public void dropped() {
      droppedValues++;
    }
  }

  /** Copies the object the parser is about to read; throws on JSON that does not parse. */
  Copy copy(JsonParser parser) throws IOException {
    copy = new Copy();
    buffer.reset();
    try (JsonGenerator out = json.createGenerator(buffer)) {
      out.writeStartObject();
      copyMembers(parser, out, "", 0);
      out.writeEndObject();
    }
    if (parser.nextToken() != null) {
      throw new TrailingContentException(parser);
    }
    if (copy.object != null) {
      copy.payload = buffer.toByteArray();
    }
    return copy;
  }

  private void copyMembers(JsonParser parser, JsonGenerator out, String parentKey, int depth) throws IOException {
    if (depth == 1 && "entry".equals(path[0])) {
      copyEntryMembers(parser, out);
      return;
    }
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      copyMember(parser, out, parentKey, key, parser.nextToken(), depth);
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IllegalStateException("parser out of step: " + token);
    }
  }

  /**
   * An entry's people are pseudonymised within its WABA, its {@code id}. Meta sends the id first;
   * an object or array met before it is held in a token buffer and copied once the id is known
   * (an entry without an id is a business of its own, the empty one).
   */
  private void copyEntryMembers(JsonParser parser, JsonGenerator out) throws IOException {
    String enclosingBusiness = business;
    business = null;
    List<Map.Entry<String, TokenBuffer>> held = null;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("id".equals(key) && business == null && value.isScalarValue()) {
        business = parser.getText();
      }
      if (business == null && value.isStructStart()) {
        if (held == null) {
          held = new ArrayList<>(2);
        }
        held.add(Map.entry(key, TokenBuffer.asCopyOfValue(parser)));
        continue;
      }
      copyMember(parser, out, "entry", key, value, 1);
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IllegalStateException("parser out of step: " + token);
    }
    if (business == null) {
      business = "";
    }
    if (held != null) {
      for (Map.Entry<String, TokenBuffer> member : held) {
        try (JsonParser replay = member.getValue().asParser()) {
          copyMember(replay, out, "entry", member.getKey(), replay.nextToken(), 1);
        }
      }
    }
    business = enclosingBusiness;
  }

  private void copyMember(JsonParser parser, JsonGenerator out, String parentKey, String key, JsonToken value, int depth) throws IOException {
    noteFacts(parser, key, value, depth);
    switch (scrubber.actionFor(parentKey, key, value)) {
      case REMOVE -> {
        if (value == JsonToken.VALUE_STRING && scrubber.keepsFromRemoved(key)) {
          for (Map.Entry<String, JsonNode> kept : scrubber.keptFromRemoved(key, parser.getText()).entrySet()) {
            out.writeFieldName(kept.getKey());
            writeScalar(out, kept.getValue());
          }
        }
        parser.skipChildren();
      }
      case PSEUDONYMISE -> {
        String identifier = parser.getText();
        out.writeStringField(key, scrubber.pseudonym(parentKey, key, identifier, business));
        String region = scrubber.regionOf(key, identifier);
        if (region != null) {
          out.writeStringField(key + "_country", region);
        }
      }
      case PSEUDONYMISE_LEAVES -> {
        out.writeFieldName(keptKey(key));
        copyLeavesPseudonymised(parser, out, value, parentKey, key);
      }
      case KEEP -> {
        out.writeFieldName(keptKey(key));
        copyValue(parser, out, parentKey, key, value, depth);
      }
    }
    if (depth == 4 && isEventList(parentKey)) {
      presentFields |= eventFieldBit(parentKey, key, value);
    }
  }

  private String keptKey(String key) {
    return scrubber.keptKey(key, copy);
  }

  /** {@code parentKey} is the key of the object the member stands in: the allowlist is per parent. */
  private void copyValue(JsonParser parser, JsonGenerator out, String parentKey, String key, JsonToken value, int depth) throws IOException {
    if (value == JsonToken.START_OBJECT) {
      path[depth] = key;
      out.writeStartObject();
      int enclosingFields = presentFields;
      presentFields = 0;
      copyMembers(parser, out, key, depth + 1);
      if (depth + 1 == 4 && isEventList(key) && presentFields != COMPLETE_EVENT) {
        copy.incompleteEvents++;
      }
      presentFields = enclosingFields;
      out.writeEndObject();
    } else if (value == JsonToken.START_ARRAY) {
      out.writeStartArray();
      JsonToken element;
      while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
        copyValue(parser, out, parentKey, key, element, depth);
      }
      out.writeEndArray();
    } else if (value == JsonToken.VALUE_STRING && scrubber.isIdentifierValue(parser.getText())) {
      out.writeString(scrubber.pseudonymOfValue(parser.getText(), business));
    } else if (value == JsonToken.VALUE_STRING) {
      out.writeString(scrubber.keptString(parentKey, key, parser.getText(), copy));
    } else if (value.isNumeric() && scrubber.dropsNumber(parentKey, key, parser.getText())) {
      copy.dropped();
      out.writeString(PayloadScrubber.DROPPED);
    } else {
      out.copyCurrentEvent(parser);
    }
  }

  private boolean isEventList(String key) {
    return ("messages".equals(key) || "statuses".equals(key)) && "value".equals(path[2]) && "changes".equals(path[1]) && "entry".equals(path[0]);
  }

  private static int eventFieldBit(String list, String key, JsonToken value) {
    if (value == JsonToken.VALUE_NULL) {
      return 0;
    }
    return switch (key) {
      case "id" -> HAS_ID;
      case "timestamp" -> HAS_TIMESTAMP;
      case "type" -> "messages".equals(list) ? HAS_KIND : 0;
      case "status" -> "statuses".equals(list) ? HAS_KIND : 0;
      default -> 0;
    };
  }

  /** Every scalar leaf under {@code key} (of {@code parentKey}) becomes a pseudonym, as the key's own value would. */
  private void copyLeavesPseudonymised(JsonParser parser, JsonGenerator out, JsonToken value, String parentKey, String key) throws IOException {
    if (value == JsonToken.START_OBJECT) {
      out.writeStartObject();
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        out.writeFieldName(keptKey(parser.currentName()));
        copyLeavesPseudonymised(parser, out, parser.nextToken(), parentKey, key);
      }
      out.writeEndObject();
    } else if (value == JsonToken.START_ARRAY) {
      out.writeStartArray();
      JsonToken element;
      while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
        copyLeavesPseudonymised(parser, out, element, parentKey, key);
      }
      out.writeEndArray();
    } else if (value == JsonToken.VALUE_NULL) {
      out.writeNull();
    } else {
      out.writeString(scrubber.pseudonym(parentKey, key, parser.getText(), business));
    }
  }

  /**
   * {@code depth} counts the object members enclosing this one: a status's timestamp sits at
   * entry / changes / value / statuses, depth 4.
   */
  private void noteFacts(JsonParser parser, String key, JsonToken value, int depth) throws IOException {
    switch (depth) {
      case 0 -> noteTopLevel(parser, key, value);
      case 1 -> {
        if ("entry".equals(path[0])) {
          if ("id".equals(key) && copy.wabaId == null && value.isScalarValue()) {
            copy.wabaId = parser.getText();
          } else if ("time".equals(key)) {
            noteTimestamp(parser, value);
          }
        } else if ("headers".equals(path[0]) && LineClassifier.SIGNATURE_HEADER.equalsIgnoreCase(key)) {
          // A header logged as a list or number cannot match: with the app secret, it is a mismatch.
          copy.signatureHeader = value == JsonToken.VALUE_STRING ? parser.getText() : "(not a string)";
        }
      }
      case 2 -> {
        if ("field".equals(key) && value == JsonToken.VALUE_STRING && "changes".equals(path[1]) && "entry".equals(path[0])) {
          String field = parser.getText();
          if (!copy.fields.contains(field)) {
            copy.fields.add(field);
          }
        }
      }
      case 3, 4 -> {
        if ("timestamp".equals(key) && "value".equals(path[2]) && "changes".equals(path[1]) && "entry".equals(path[0])) {
          noteTimestamp(parser, value);
          checkEventTimestamp(parser, value, depth);
        }
      }
      default -> { }
    }
  }

  private void noteTopLevel(JsonParser parser, String key, JsonToken value) throws IOException {
    switch (key) {
      case "object" -> copy.object = value == JsonToken.VALUE_STRING ? parser.getText() : "";
      case "entry" -> copy.entryIsArray = value == JsonToken.START_ARRAY;
      case "body" -> {
        copy.hasBody = true;
        if (value == JsonToken.VALUE_STRING) {
          copy.envelopeBody = parser.getText();
        }
      }
      case "received_at" -> {
        copy.receivedAtToken = value;
        copy.receivedAt = value.isScalarValue() ? parser.getText() : null;
      }
      case "headers" -> copy.headersNotObject = value != JsonToken.START_OBJECT && value != JsonToken.VALUE_NULL;
      default -> { }
    }
  }

  /**
   * A message's or status's timestamp is what silver dates it by: one that is no Unix time from
   * 2009 to 2100 (seconds, or milliseconds as a few relays send) would become a year 58834 or
   * overflow refine, so the line is quarantined instead ({@link QuarantineReason#IMPLAUSIBLE_TIMESTAMP}).
   */
  /** The lists of events under a change's value that carry a timestamp. */
  private static final java.util.Set<String> EVENT_LISTS = java.util.Set.of("messages", "statuses", "message_echoes", "calls", "errors");

  private void checkEventTimestamp(JsonParser parser, JsonToken value, int depth) throws IOException {
    // The list's key is named only when it is one of Meta's: a planted key may be anything.
    String list = depth != 4 ? "" : (EVENT_LISTS.contains(path[3]) ? path[3] : "(a list)") + "[].";
    String where = "entry[].changes[].value." + list + "timestamp";
    Long seconds = null;
    if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_STRING) {
      try {
        long n = Long.parseLong(parser.getText().strip());
        seconds = n >= MILLIS_THRESHOLD ? n / 1000 : n;
      } catch (NumberFormatException notALong) {
        seconds = null;
      }
    }
    if (seconds == null || seconds < EARLIEST_PLAUSIBLE || seconds > LATEST_PLAUSIBLE) {
      if (copy.implausibleTimestamp == null) {
        copy.implausibleTimestamp = where;
      }
      return;
    }
    copy.earliestEventSeconds = Math.min(copy.earliestEventSeconds, seconds);
    copy.latestEventSeconds = Math.max(copy.latestEventSeconds, seconds);
  }

  /** Timestamps outside 2009 (WhatsApp's birth) to 2100 are noise, not dates: ignored. */
  private void noteTimestamp(JsonParser parser, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_STRING) {
      return;
    }
    long seconds;
    try {
      seconds = Long.parseLong(parser.getText().strip());
    } catch (NumberFormatException e) {
      return;
    }
    if (seconds >= MILLIS_THRESHOLD) {
      seconds /= 1000;
    }
    if (seconds >= EARLIEST_PLAUSIBLE && seconds <= LATEST_PLAUSIBLE) {
      copy.earliestSeconds = Math.min(copy.earliestSeconds, seconds);
    }
  }

  private static void writeScalar(JsonGenerator out, JsonNode value) throws IOException {
    if (value.isTextual()) {
      out.writeString(value.asText());
    } else if (value.isIntegralNumber()) {
      out.writeNumber(value.asLong());
    } else if (value.isNumber()) {
      out.writeNumber(value.decimalValue());
    } else if (value.isBoolean()) {
      out.writeBoolean(value.asBoolean());
    } else {
      out.writeNull();
    }
  }

  /** Something follows the JSON value on the line. */
  static final class TrailingContentException extends com.fasterxml.jackson.core.JsonParseException {
    private static final long serialVersionUID = 1L;

    TrailingContentException(JsonParser parser) {
      super(parser, "content after the JSON value");
    }
  }
}

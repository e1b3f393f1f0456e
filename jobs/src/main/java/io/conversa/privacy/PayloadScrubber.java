package io.conversa.privacy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides, key by key, what happens to each member of a webhook body before it is stored, by the
 * rules of {@code schemas/privacy/payload-rules.json}: removed, replaced by its keyed pseudonym,
 * or kept. Strings are kept only under keys the allowlist knows: a field Meta adds tomorrow
 * reaches bronze as its key and the mark {@value #DROPPED} until the rules learn it, so nothing
 * nobody has read lands in a table. Every kept string and key passes the {@link
 * IdentifierDetector} first. The walk over the body is the
 * caller's (a streaming copy, see {@code io.conversa.ingest.BodyCopier}).
 */
public final class PayloadScrubber implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What becomes of one member. */
  public enum Action {
    KEEP,
    REMOVE,
    /** A scalar identifier: replace it by its pseudonym. */
    PSEUDONYMISE,
    /** An object or array under an identifier key: replace every scalar leaf inside. */
    PSEUDONYMISE_LEAVES
  }

  private final ScrubRules rules;
  private final Pseudonymizer pseudonymizer;
  private final IdentifierDetector detector = new IdentifierDetector();

  public PayloadScrubber(Pseudonymizer pseudonymizer) {
    this.rules = ScrubRules.load();
    this.pseudonymizer = pseudonymizer;
  }

  /** The key-rotation links the pseudonyms of the bodies scrubbed since the last call made ({@link Pseudonymizer#takeLinks()}). */
  public java.util.List<String[]> takePseudonymLinks() {
    return pseudonymizer.takeLinks();
  }

  /** What a string or a long number under a key the allowlist does not know becomes. */
  public static final String DROPPED = "[dropped]";
  private static final String CALLBACK_DATA = "biz_opaque_callback_data";
  /** Numbers this long may be phone numbers sent as numbers; shorter ones are counts and flags. */
  private static final int LONGEST_KEPT_UNKNOWN_NUMBER = 8;
  private static final int CALLBACK_CACHE_SIZE = 4_096;
  private transient Map<String, KeptCallback> callbackCache;

  /** Counts what scrubbing did beyond its rules' removals and pseudonyms, for the run summary. */
  public interface Tally {
    /** A kept string or key in which a detector found an identifier and replaced it by its label. */
    void redacted();

    /** A value under a key the allowlist does not know, replaced by {@link #DROPPED}. */
    void dropped();
  }

  /**
   * The string stored for {@code value} under {@code key} (of an object under {@code
   * parentKey}): {@link #DROPPED} when the allowlist does not know the key; else the value with
   * its identifiers redacted, unless the key holds Meta's technical values. The business's
   * callback data keeps only the members silver reads.
   */
  public String keptString(String parentKey, String key, String value, Tally tally) {
    if (!rules.keepsString(parentKey, key)) {
      tally.dropped();
      return DROPPED;
    }
    if (rules.skipsDetection(parentKey, key)) {
      return value;
    }
    if (CALLBACK_DATA.equals(key)) {
      return cachedCallbackData(value, tally);
    }
    return redacted(value, tally);
  }

  /** Whether a number under {@code key} is dropped: under a key the allowlist does not know, and long enough to be a phone number. */
  public boolean dropsNumber(String parentKey, String key, String digits) {
    return significantDigits(digits) > LONGEST_KEPT_UNKNOWN_NUMBER && !rules.keepsString(parentKey, key);
  }

  private static int significantDigits(String number) {
    int digits = 0;
    for (int i = 0; i < number.length() && number.charAt(i) != '.' && number.charAt(i) != 'e' && number.charAt(i) != 'E'; i++) {
      if (Character.isDigit(number.charAt(i))) {
        digits++;
      }
    }
    return digits;
  }

  /**
   * A log holds a few campaigns and variants in hundreds of thousands of statuses: each distinct
   * callback value is parsed once per task (a bounded map), and its counts replayed.
   */
  private String cachedCallbackData(String value, Tally tally) {
    if (callbackCache == null) {
      callbackCache = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KeptCallback> eldest) {
          return size() > CALLBACK_CACHE_SIZE;
        }
      };
    }
    KeptCallback kept = callbackCache.get(value);
    if (kept == null) {
      Counted counted = new Counted();
      kept = new KeptCallback(keptCallbackData(value, counted), counted.redacted, counted.dropped);
      callbackCache.put(value, kept);
    }
    for (int i = 0; i < kept.redacted(); i++) {
      tally.redacted();
    }
    for (int i = 0; i < kept.dropped(); i++) {
      tally.dropped();
    }
    return kept.value();
  }

  private record KeptCallback(String value, int redacted, int dropped) {}

  private static final class Counted implements Tally {
    int redacted;
    int dropped;

    @Override
    public void redacted() {
      redacted++;
    }

    @Override
    public void dropped() {
      dropped++;
    }
  }

  /**
   * A JSON object keeps only the allowlisted members (campaign, template, reference_id), each
   * searched for identifiers; a plain string is searched whole. Whatever else a business put
   * there (a customer's e-mail, a CRM id) stays out of bronze.
   */
  private String keptCallbackData(String value, Tally tally) {
    String trimmed = value.strip();
    if (!trimmed.startsWith("{")) {
      return redacted(value, tally);
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(trimmed);
    } catch (IOException notJson) {
      return redacted(value, tally);
    }
    if (parsed == null || !parsed.isObject()) {
      return redacted(value, tally);
    }
    ObjectNode kept = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> members = parsed.fields(); members.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = members.next();
      String member = entry.getKey();
      JsonNode v = entry.getValue();
      if (!rules.callbackMembers.contains(member)) {
        tally.dropped();
        continue;
      }
      if (!v.isValueNode() || v.isNull()) {
        continue;
      }
      String text = v.asText();
      String redacted = redacted(text, tally);
      if (v.isTextual() || !redacted.equals(text)) {
        kept.put(member, redacted);
      } else {
        kept.set(member, v);
      }
    }
    return kept.toString();
  }

  private String redacted(String value, Tally tally) {
    String redacted = detector.redact(value);
    if (!redacted.equals(value)) {
      tally.redacted();
    }
    return redacted;
  }

  /** A kept key, redacted when it is an identifier itself (a phone number used as a JSON key). */
  public String keptKey(String key, Tally tally) {
    return redacted(key, tally);
  }

  /** {@code value} is the token the member's value starts with. */
  public Action actionFor(String parentKey, String key, JsonToken value) {
    if (rules.removes(parentKey, key, value == JsonToken.VALUE_STRING)) {
      return Action.REMOVE;
    }
    if (value == JsonToken.VALUE_NULL || !rules.pseudonymises(parentKey, key)) {
      return Action.KEEP;
    }
    return value.isScalarValue() ? Action.PSEUDONYMISE : Action.PSEUDONYMISE_LEAVES;
  }

  /** Whether a string kept under a harmless key is an identifier all the same (wamid., CC.123...). */
  public boolean isIdentifierValue(String value) {
    return rules.looksLikeIdentifier(value);
  }

  /**
   * The pseudonym of the identifier under {@code key}: a person's within {@code business} (the
   * WABA id of the entry), a message's the same for every business.
   */
  public String pseudonym(String parentKey, String key, String identifier, String business) {
    return rules.unscoped(parentKey, key) ? pseudonymizer.pseudonym(identifier) : pseudonymizer.pseudonym(identifier, business);
  }

  /** The pseudonym of a kept value that looks like an identifier ({@link #isIdentifierValue}). */
  public String pseudonymOfValue(String value, String business) {
    return rules.isMessageIdValue(value) ? pseudonymizer.pseudonym(value) : pseudonymizer.pseudonym(value, business);
  }

  /** The region of a user's phone number under {@code key}, or null (not a phone key, no match). */
  public String regionOf(String key, String identifier) {
    if (!rules.deriveCountry.contains(key) || !Pseudonymizer.looksLikePhoneNumber(identifier)) {
      return null;
    }
    return CallingCodes.regionOf(Pseudonymizer.digitsOf(identifier));
  }

  /**
   * Business-set values rescued from a removed string value: a flow's response_json is the
   * user's form, but its flow_token is ours. Empty when nothing is kept.
   */
  public Map<String, JsonNode> keptFromRemoved(String key, String removedValue) {
    Set<String> kept = rules.keepFromRemoved.get(key);
    if (kept == null) {
      return Map.of();
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    try {
      JsonNode parsed = JSON.readTree(removedValue);
      for (String name : kept) {
        JsonNode member = parsed == null ? null : parsed.get(name);
        if (member != null && member.isValueNode()) {
          values.put(name, member);
        }
      }
    } catch (IOException notJson) {
      // A response_json that is not JSON holds nothing of ours to keep.
    }
    return values;
  }

  public boolean keepsFromRemoved(String key) {
    return rules.keepFromRemoved.containsKey(key);
  }
}

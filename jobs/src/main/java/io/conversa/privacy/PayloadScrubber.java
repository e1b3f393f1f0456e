package io.conversa.privacy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides, key by key, what happens to each member of a webhook body before it is stored, by the
 * rules of {@code schemas/privacy/payload-rules.json}: removed, replaced by its keyed pseudonym,
 * or kept. Unknown keys are kept, so fields Meta adds tomorrow still reach bronze, but every kept
 * string and key passes the {@link IdentifierDetector} first. The walk over the body is the
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

  /** A string value kept under {@code key}, its identifiers redacted unless the key holds Meta's technical values. */
  public String keptString(String key, String value) {
    return rules.detectionSkips.contains(key) ? value : detector.redact(value);
  }

  /** A kept key, redacted when it is an identifier itself (a phone number used as a JSON key). */
  public String keptKey(String key) {
    return detector.redact(key);
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

  public String pseudonym(String identifier) {
    return pseudonymizer.pseudonym(identifier);
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

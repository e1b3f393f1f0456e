package io.conversa.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Removes or pseudonymises every direct identifier of a webhook body, in place, by the rules of
 * {@code schemas/privacy/payload-rules.json}. Unknown keys are kept untouched, so fields Meta adds
 * tomorrow still reach bronze.
 */
public final class PayloadScrubber implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ScrubRules rules;
  private final Pseudonymizer pseudonymizer;

  public PayloadScrubber(Pseudonymizer pseudonymizer) {
    this.rules = ScrubRules.load();
    this.pseudonymizer = pseudonymizer;
  }

  public void scrub(ObjectNode body) {
    scrubObject(body, "");
  }

  private void scrubObject(ObjectNode node, String parentKey) {
    List<String> keys = new ArrayList<>(node.size());
    node.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      JsonNode value = node.get(key);
      if (rules.removes(parentKey, key, value)) {
        keepBusinessValues(node, key, value);
        node.remove(key);
      } else if (rules.pseudonymise.contains(key) && value.isValueNode() && !value.isNull()) {
        String identifier = value.asText();
        if (rules.deriveCountry.contains(key) && Pseudonymizer.looksLikePhoneNumber(identifier)) {
          String region = CallingCodes.regionOf(Pseudonymizer.digitsOf(identifier));
          if (region != null) {
            node.put(key + "_country", region);
          }
        }
        node.put(key, pseudonymizer.pseudonym(identifier));
      } else if (value.isObject()) {
        scrubObject((ObjectNode) value, key);
      } else if (value.isArray()) {
        scrubArray(value, key);
      }
    }
  }

  private void scrubArray(JsonNode array, String key) {
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      JsonNode element = it.next();
      if (element.isObject()) {
        scrubObject((ObjectNode) element, key);
      } else if (element.isArray()) {
        scrubArray(element, key);
      }
    }
  }

  /** A flow's response_json is the user's form, but its flow_token is ours: keep only that. */
  private void keepBusinessValues(ObjectNode node, String key, JsonNode value) {
    Set<String> kept = rules.keepFromRemoved.get(key);
    if (kept == null || !value.isTextual()) {
      return;
    }
    try {
      JsonNode parsed = JSON.readTree(value.asText());
      for (String name : kept) {
        JsonNode member = parsed == null ? null : parsed.get(name);
        if (member != null && member.isValueNode()) {
          node.set(name, member);
        }
      }
    } catch (IOException notJson) {
      // A response_json that is not JSON holds nothing of ours to keep.
    }
  }
}

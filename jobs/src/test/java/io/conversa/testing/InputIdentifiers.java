package io.conversa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The identifiers a log holds, found by parsing every line (and every envelope's body) the way
 * a reader would: user phone numbers and profile names. The privacy scans look for these.
 */
public final class InputIdentifiers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PHONE_KEYS = Set.of("wa_id", "from", "recipient_id", "to", "display_phone_number", "recipient_participant_id");

  private InputIdentifiers() {}

  public static void collect(String logText, Set<String> phones, Set<String> names) {
    for (String line : logText.split("\n")) {
      try {
        JsonNode root = JSON.readTree(line);
        if (root == null) {
          continue;
        }
        if (root.path("body").isTextual()) {
          root = JSON.readTree(root.get("body").asText());
        }
        walk(root, "", phones, names);
      } catch (IOException notJson) {
        // Junk lines hold no identifiers the scan can know of; they are quarantined, sealed.
      }
    }
  }

  private static void walk(JsonNode node, String parentKey, Set<String> phones, Set<String> names) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        JsonNode value = member.getValue();
        if (PHONE_KEYS.contains(member.getKey()) && value.isValueNode() && value.asText().matches("\\+?\\d{8,15}")) {
          phones.add(value.asText().replace("+", ""));
        } else if ("name".equals(member.getKey()) && "profile".equals(parentKey) && value.isTextual()) {
          names.add(value.asText());
        } else {
          walk(value, member.getKey(), phones, names);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> walk(element, parentKey, phones, names));
    }
  }
}

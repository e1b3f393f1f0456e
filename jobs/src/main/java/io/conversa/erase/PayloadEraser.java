package io.conversa.erase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Takes a person out of a scrubbed webhook body: every array element that names one of their
 * pseudonyms (a message they sent, a status of a message to them, their contact card) is removed,
 * deepest first, so a body that also carries other people's statuses keeps those. Bodies keep
 * their event id: ingesting the same log again finds them already stored.
 */
public final class PayloadEraser implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Set<String> pseudonyms;

  public PayloadEraser(Set<String> pseudonyms) {
    this.pseudonyms = Set.copyOf(pseudonyms);
  }

  /** Whether the body names any of the pseudonyms: a cheap test before the rewrite. */
  public boolean mentions(String payload) {
    for (String pseudonym : pseudonyms) {
      if (payload.contains(pseudonym)) {
        return true;
      }
    }
    return false;
  }

  /** The body without the parts that name the person; the body itself when it names nobody erased. */
  public String erase(String payload) {
    if (!mentions(payload)) {
      return payload;
    }
    try {
      JsonNode body = JSON.readTree(payload);
      clean(body);
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException("a bronze payload is not JSON", e);
    }
  }

  private void clean(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> members = object.fields(); members.hasNext(); ) {
        JsonNode value = members.next().getValue();
        if (value.isTextual() && pseudonyms.contains(value.asText())) {
          members.remove(); // the person outside any array: the value goes, the object stays
        } else {
          clean(value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = array.size() - 1; i >= 0; i--) {
        if (namesAnErased(array.get(i))) {
          array.remove(i);
        } else {
          clean(array.get(i));
        }
      }
    }
  }

  /** An element names the person when one of its own values does, outside the arrays it holds (those are cleaned instead). */
  private boolean namesAnErased(JsonNode element) {
    if (element.isTextual()) {
      return pseudonyms.contains(element.asText());
    }
    if (element instanceof ObjectNode object) {
      for (Iterator<JsonNode> values = object.elements(); values.hasNext(); ) {
        JsonNode value = values.next();
        if ((value.isTextual() || value.isObject()) && namesAnErased(value)) {
          return true;
        }
      }
    }
    return false;
  }
}

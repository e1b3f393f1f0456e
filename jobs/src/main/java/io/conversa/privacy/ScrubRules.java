package io.conversa.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The scrubbing rules of {@code schemas/privacy/payload-rules.json}, read once. */
final class ScrubRules implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String RESOURCE = "/schemas/privacy/payload-rules.json";

  final Set<String> pseudonymise;
  final Set<String> unscoped;
  final Map<String, Set<String>> unscopedWithin;
  final Map<String, Set<String>> pseudonymiseWithin;
  final String[] pseudonymisePrefixes;
  final java.util.regex.Pattern pseudonymisePattern;
  final Set<String> deriveCountry;
  final Set<String> remove;
  final String[] removeSuffixes;
  final Set<String> removeWhenString;
  final Map<String, Set<String>> removeWithin;
  final Map<String, Set<String>> keepFromRemoved;
  final Set<String> detectionSkips;
  final Map<String, Set<String>> detectionSkipsWithin;
  final Set<String> keepStrings;
  final Map<String, Set<String>> keepStringsWithin;
  final Set<String> callbackMembers;

  private ScrubRules(JsonNode rules) {
    JsonNode pseudonymisation = rules.path("pseudonymise");
    pseudonymise = strings(pseudonymisation.path("keys"));
    unscoped = strings(pseudonymisation.path("unscoped").path("keys"));
    unscopedWithin = parentMap(pseudonymisation.path("unscoped").path("within"));
    pseudonymiseWithin = parentMap(pseudonymisation.path("within"));
    pseudonymisePrefixes = strings(pseudonymisation.path("value_patterns").path("prefixes")).toArray(new String[0]);
    pseudonymisePattern = java.util.regex.Pattern.compile(pseudonymisation.path("value_patterns").path("regex").asText("$^"));
    deriveCountry = strings(rules.path("derive_country").path("keys"));
    JsonNode removal = rules.path("remove");
    remove = strings(removal.path("keys"));
    removeSuffixes = strings(removal.path("key_suffixes")).toArray(new String[0]);
    removeWhenString = strings(removal.path("string_keys"));
    removeWithin = parentMap(removal.path("within"));
    detectionSkips = strings(rules.path("identifier_detection").path("skip_keys"));
    detectionSkipsWithin = parentMap(rules.path("identifier_detection").path("skip_within"));
    JsonNode keep = rules.path("keep");
    keepStrings = strings(keep.path("string_keys"));
    keepStringsWithin = parentMap(keep.path("within"));
    callbackMembers = strings(keep.path("callback_members").path("members"));
    keepFromRemoved = new HashMap<>();
    rules.path("keep_from_removed").fields().forEachRemaining(e -> {
      if (e.getValue().isArray()) {
        keepFromRemoved.put(e.getKey(), strings(e.getValue()));
      }
    });
  }

  static ScrubRules load() {
    try (InputStream in = ScrubRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new ScrubRules(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean removes(String parentKey, String key, boolean valueIsString) {
    if (remove.contains(key)) {
      return true;
    }
    if (valueIsString && removeWhenString.contains(key)) {
      return true;
    }
    for (String suffix : removeSuffixes) {
      if (key.endsWith(suffix)) {
        return true;
      }
    }
    Set<String> within = removeWithin.get(parentKey);
    return within != null && within.contains(key);
  }

  boolean pseudonymises(String parentKey, String key) {
    if (pseudonymise.contains(key)) {
      return true;
    }
    Set<String> within = pseudonymiseWithin.get(parentKey);
    return within != null && within.contains(key);
  }

  /** Whether the allowlist keeps a string under {@code key} of an object under {@code parentKey}. */
  boolean keepsString(String parentKey, String key) {
    return keepStrings.contains(key) || contains(keepStringsWithin, parentKey, key);
  }

  /** Whether a kept value under {@code key} is one of Meta's technical values, not searched for identifiers. */
  boolean skipsDetection(String parentKey, String key) {
    return detectionSkips.contains(key) || contains(detectionSkipsWithin, parentKey, key);
  }

  private static boolean contains(Map<String, Set<String>> byParent, String parentKey, String key) {
    Set<String> keys = byParent.get(parentKey);
    return keys != null && keys.contains(key);
  }

  /** Whether the identifier under {@code key} is a message's, pseudonymised alike for every business. */
  boolean unscoped(String parentKey, String key) {
    return unscoped.contains(key) || contains(unscopedWithin, parentKey, key);
  }

  /** Whether a value that looks like an identifier is a message's or call's id (wamid., wacid.), not a person's. */
  boolean isMessageIdValue(String value) {
    for (String prefix : pseudonymisePrefixes) {
      if (value.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** A kept string that is an identifier by its look, whatever key it stands under. */
  boolean looksLikeIdentifier(String value) {
    for (String prefix : pseudonymisePrefixes) {
      if (value.startsWith(prefix)) {
        return true;
      }
    }
    return value.length() > 8 && value.charAt(2) == '.' && pseudonymisePattern.matcher(value).matches();
  }

  /** {"parent": ["key", ...], "description": "..."}: the arrays only. */
  private static Map<String, Set<String>> parentMap(JsonNode node) {
    Map<String, Set<String>> map = new HashMap<>();
    node.fields().forEachRemaining(e -> {
      if (e.getValue().isArray()) {
        map.put(e.getKey(), strings(e.getValue()));
      }
    });
    return map;
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new HashSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}

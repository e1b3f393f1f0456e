package io.conversa.privacy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;

/**
 * Turns a direct identifier into a keyed pseudonym: {@code <key id>:<base64url of the first 128
 * bits of HMAC-SHA256(key, normalised identifier)>}. The same identifier gives the same
 * pseudonym in every run under one key; without the key nobody can map it back or test a guess.
 *
 * <p>People are pseudonymised per business ({@link #pseudonym(String, String)}: the WABA the
 * event belongs to), under a key derived for that business, so the same person at two clients of
 * one agency has two unrelated pseudonyms, as Meta scopes its user ids per business. Message ids
 * belong to one message of one business and keep a single pseudonym ({@link #pseudonym(String)}):
 * the business's send log is matched by them.
 *
 * <p>Across key rotations a person keeps one pseudonym. Of a ring, the oldest key makes it (then
 * {@link PseudonymLinks} maps it to what an earlier, retired key made); each newer key's pseudonym
 * is linked to it ({@link #takeLinks()}), so that once the oldest key is retired the next one
 * still finds the same person.
 *
 * <p>Not thread-safe (one {@link Mac} per key); each Spark task deserialises its own copy.
 */
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final int PSEUDONYM_BYTES = 16;
  /** Newer pseudonyms already linked in this task: a person's link is emitted once, not per line. */
  private static final int LINKED_REMEMBERED = 200_000;
  /**
   * Pseudonyms already made in this task, by business and identifier. A log holds a few thousand
   * people and each message id recurs in its statuses, while a line needs 4 to 8 pseudonyms:
   * without it the same HMACs were computed millions of times. Bounded (least recently used
   * first out); the identifiers stay in the executor's memory like the line they came from.
   */
  private static final int REMEMBERED = 50_000;
  private final List<KeyHmacs> keys;
  private final PseudonymLinks links;
  private transient Set<String> linked;
  private transient List<String[]> pendingLinks;
  private transient Map<String, String> rememberedUnscoped;
  private transient Map<String, String> rememberedInBusiness;

  /** One key, no rotation: what a test or a one-key lookup needs. */
  public Pseudonymizer(Key key) {
    this(List.of(key), PseudonymLinks.NONE);
  }

  /** The ring's keys, oldest making the pseudonyms and the newer ones linked to it. */
  public Pseudonymizer(KeyRing ring, PseudonymLinks links) {
    this(reversed(ring.keys()), links);
  }

  private Pseudonymizer(List<Key> oldestFirst, PseudonymLinks links) {
    this.keys = oldestFirst.stream().map(KeyHmacs::new).toList();
    this.links = links;
  }

  private static List<Key> reversed(List<Key> keys) {
    List<Key> oldestFirst = new ArrayList<>(keys);
    java.util.Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  /** The pseudonym of an identifier that is no person's: a message id, the same for every business. */
  public String pseudonym(String identifier) {
    return stable(identifier, null);
  }

  /** The pseudonym of a person's identifier within one business (a WABA id; empty when unknown). */
  public String pseudonym(String identifier, String business) {
    return stable(identifier, business == null ? "" : business);
  }

  private String stable(String identifier, String business) {
    if (rememberedUnscoped == null) {
      rememberedUnscoped = leastRecentlyUsed();
      rememberedInBusiness = leastRecentlyUsed();
    }
    // The business's length first: no business and identifier pair reads as another.
    Map<String, String> remembered = business == null ? rememberedUnscoped : rememberedInBusiness;
    String cacheKey = business == null ? identifier : business.length() + ":" + business + identifier;
    String known = remembered.get(cacheKey);
    if (known == null) {
      known = computeStable(identifier, business);
      remembered.put(cacheKey, known);
    }
    return known;
  }

  private static Map<String, String> leastRecentlyUsed() {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > REMEMBERED;
      }
    };
  }

  private String computeStable(String identifier, String business) {
    String normalised = normalise(identifier);
    String stable = links.stableOf(keys.get(0).pseudonym(normalised, business));
    for (int i = 1; i < keys.size(); i++) {
      String newer = keys.get(i).pseudonym(normalised, business);
      if (linked == null) {
        linked = new HashSet<>();
        pendingLinks = new ArrayList<>();
      }
      if (linked.size() >= LINKED_REMEMBERED) {
        linked.clear();
      }
      if (linked.add(newer)) {
        pendingLinks.add(new String[] {newer, stable});
      }
    }
    return stable;
  }

  /**
   * The links (newer pseudonym, stable pseudonym) made since the last call; empty when the ring
   * holds one key. Ingest stores them so that the newer key alone finds the person later.
   */
  public List<String[]> takeLinks() {
    if (pendingLinks == null || pendingLinks.isEmpty()) {
      return List.of();
    }
    List<String[]> taken = pendingLinks;
    pendingLinks = new ArrayList<>();
    return taken;
  }

  /**
   * Phone numbers arrive as {@code 5511...}, {@code +55 11 ...} or {@code +1 555-555-5555}: they
   * become digits only. Anything else (business-scoped user ids, group ids) is only trimmed.
   */
  static String normalise(String identifier) {
    String trimmed = identifier.strip();
    if (looksLikePhoneNumber(trimmed)) {
      return digitsOf(trimmed);
    }
    return trimmed;
  }

  static boolean looksLikePhoneNumber(String value) {
    int digits = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
        return false;
      }
    }
    return digits > 0;
  }

  /** The digits of a number in any notation ({@code +55 (11) 98765-4321} -> {@code 5511987654321}). */
  public static String digitsOf(String value) {
    StringBuilder digits = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.toString();
  }

  @Override
  public String toString() {
    return "Pseudonymizer(" + String.join(", ", keys.stream().map(k -> k.keyId).toList()) + ")";
  }

  /** One key's HMACs: unscoped, and one derived per business. */
  private static final class KeyHmacs implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String keyId;
    private final byte[] hmacKey;
    private transient Mac unscoped;
    private transient Map<String, Mac> perBusiness;

    KeyHmacs(Key key) {
      this.keyId = key.id();
      this.hmacKey = key.derive("pseudonym");
    }

    /** {@code business} null: unscoped. */
    String pseudonym(String normalised, String business) {
      byte[] digest = mac(business).doFinal(normalised.getBytes(StandardCharsets.UTF_8));
      return keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, PSEUDONYM_BYTES));
    }

    private Mac mac(String business) {
      if (business == null) {
        if (unscoped == null) {
          unscoped = Hmacs.sha256(hmacKey);
        }
        return unscoped;
      }
      if (perBusiness == null) {
        perBusiness = new HashMap<>();
      }
      return perBusiness.computeIfAbsent(business,
          b -> Hmacs.sha256(Hmacs.sha256(hmacKey).doFinal(("business/" + b).getBytes(StandardCharsets.UTF_8))));
    }
  }
}

package io.conversa.privacy;

import java.io.Serializable;

/**
 * Pseudonyms made under a key that is no longer the first a person was seen with, mapped to that
 * first, stable pseudonym. A key rotation records them while the old and the new key are both
 * held; after the old key is retired they are the only way from a new pseudonym to the person's
 * {@code user_id}.
 */
public interface PseudonymLinks extends Serializable {
  /** No rotation yet: every pseudonym is its own stable one. */
  PseudonymLinks NONE = pseudonym -> pseudonym;

  /** The stable pseudonym {@code pseudonym} is linked to, or {@code pseudonym} itself. */
  String stableOf(String pseudonym);
}

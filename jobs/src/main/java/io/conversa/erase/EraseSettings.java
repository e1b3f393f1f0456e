package io.conversa.erase;

import io.conversa.aggregate.AggregateSettings;
import io.conversa.privacy.KeyRing;
import java.util.List;

/**
 * One erasure: the people (phone numbers in any notation, and pseudonyms), the key ring their
 * pseudonyms were made with, and the aggregate settings gold was built with (to recompute the
 * periods they touched under the same rules). {@code dryRun} counts and changes nothing.
 */
public record EraseSettings(String lake, KeyRing keys, List<String> phones, List<String> userIds, AggregateSettings aggregate, boolean dryRun) {}

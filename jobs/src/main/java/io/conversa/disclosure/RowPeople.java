package io.conversa.disclosure;

import java.io.Serializable;

/**
 * The people behind a family of a row. People do not add up: a week's users are at least any
 * day's and at most their sum, a campaign's at most its numbers' together. Counts of the same
 * people ({@code identity}) in different rows are related that way.
 *
 * @param bound the space's quantity that counts at least one event of each of them (users ≤ sent), or null
 */
public record RowPeople(String column, String identity, double value, String bound) implements Serializable {}

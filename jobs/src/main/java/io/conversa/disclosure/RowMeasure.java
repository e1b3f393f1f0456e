package io.conversa.disclosure;

import java.io.Serializable;

/**
 * A figure of a row that is a sum of atoms: its column, the space's quantity it sums, its true
 * value, and how wide a reader's interval for it must stay when it is withheld.
 */
public record RowMeasure(String column, String quantity, double value, Protection protection) implements Serializable {}

package io.conversa.disclosure;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One atom of an {@link AtomSpace}: a local day (epoch day), the values of the space's dimensions
 * and the true value of each quantity. Gold never publishes atoms; release decisions use them as
 * the one point every witness starts from.
 */
public record Atom(int day, String[] dimensions, double[] values) implements Serializable {
  public String dimension(int index) {
    return dimensions[index];
  }

  public double value(int quantity) {
    return values[quantity];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Atom a && a.day == day && Arrays.equals(a.dimensions, dimensions) && Arrays.equals(a.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * day + Arrays.hashCode(dimensions)) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Atom(" + day + ", " + Arrays.toString(dimensions) + ", " + Arrays.toString(values) + ")";
  }
}

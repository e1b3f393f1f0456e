package io.conversa.common;

import java.util.Set;
import java.util.stream.Collectors;

/** What conversa knows of currencies beyond their ISO codes. */
public final class Currencies {
  /** Currencies written without cents: nobody writes rupiah or peso cents. */
  public static final Set<String> WHOLE_UNITS = Set.of("IDR", "COP", "CLP");

  private Currencies() {}

  /** {@link #WHOLE_UNITS} as an SQL list: ('CLP', 'COP', 'IDR'). */
  public static String wholeUnitsSql() {
    return WHOLE_UNITS.stream().sorted().map(c -> "'" + c + "'").collect(Collectors.joining(", ", "(", ")"));
  }
}

package io.conversa.sql;

/** How {@code conversa sql} prints rows. */
public enum ResultFormat {
  TABLE,
  CSV,
  JSON
}

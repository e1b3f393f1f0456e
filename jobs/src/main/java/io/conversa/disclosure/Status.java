package io.conversa.disclosure;

/** Whether a figure's value appears in the published tables. */
public enum Status {
  PUBLISHED,
  WITHHELD
}

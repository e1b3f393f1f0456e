package io.conversa.report;

/**
 * Figures of the client's week that gold withheld (fewer than k people behind them, or they would
 * reveal one that is), over the week rows of the four gold tables: counted, never shown.
 */
public record Withheld(long figures) {
  public long total() {
    return figures;
  }
}

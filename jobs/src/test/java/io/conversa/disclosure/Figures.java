package io.conversa.disclosure;

/** Short ways to write the figures of the tests. */
final class Figures {
  static final String TABLE = "campaign_funnel";

  private Figures() {}

  static Figure count(int id, String member, String period, String start, String measure,
      double value, int preference) {
    return new Figure(id, new CellKey(TABLE, member, period, start), measure, measure, value,
        Protection.AT_LEAST_K, preference, false);
  }

  static Figure money(int id, String member, double value, int preference) {
    return new Figure(id, new CellKey(TABLE, member, "day", "2026-11-02"), "revenue", "revenue",
        value, Protection.AT_LEAST_VALUE, preference, false);
  }

  static Figure fixed(Figure figure) {
    return new Figure(figure.id(), figure.cell(), figure.measure(), figure.family(), figure.value(),
        figure.protection(), figure.preference(), true);
  }

  /** Withholds every non-fixed group with a figure between 1 and k − 1: the primary rule. */
  static void primary(Release release, int k) {
    for (Figure figure : release.figures()) {
      if (!figure.fixed() && figure.value() >= 1 && figure.value() < k) {
        release.withholdAsSensitive(figure.group());
      }
    }
  }
}

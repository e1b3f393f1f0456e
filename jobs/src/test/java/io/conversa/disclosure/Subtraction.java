package io.conversa.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * The attack as a reader would do it by hand, kept apart from the engine: every equality with
 * exactly one withheld figure gives that figure away as minus the sum of the published terms
 * over its coefficient. Uses only the public API.
 */
final class Subtraction {
  /** One figure a reader can work out, and the value the reader gets. */
  record Leak(Figure figure, double derived) {}

  private Subtraction() {}

  static List<Leak> leaks(Release release) {
    List<Leak> leaks = new ArrayList<>();
    for (Relation relation : release.relations()) {
      if (relation.sense() != Relation.Sense.EQUAL) {
        continue;
      }
      List<Figure> figures = release.figuresOf(relation);
      Figure unknown = null;
      double unknownCoefficient = 0;
      double publishedSum = 0;
      int withheld = 0;
      for (int t = 0; t < figures.size(); t++) {
        Figure figure = figures.get(t);
        double c = relation.terms().get(t).coefficient();
        if (release.status(figure.id()) == Status.WITHHELD) {
          withheld++;
          unknown = figure;
          unknownCoefficient = c;
        } else {
          publishedSum += c * figure.value();
        }
      }
      if (withheld == 1) {
        leaks.add(new Leak(unknown, -publishedSum / unknownCoefficient));
      }
    }
    return leaks;
  }
}

package io.conversa.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The linear programme that looks for a witness: another client history, as consistent with
 * everything gold publishes as the true one, in which a withheld figure has another value. If
 * the true history and the witness differ by the figure's {@link Protection} width, no reader of
 * gold, however they combine its tables, periods and bounds, can narrow it further: the two are
 * indistinguishable to them. A witness is a sufficient proof, found without the global programme
 * an attacker would solve: it changes only the atoms of a few weeks ({@code firstDay} to
 * {@code lastDay}) and only the target family's quantities, so it is small, and every other value
 * stays true, so everything the witness does not touch is consistent by construction.
 *
 * <p>What a witness must respect, and so what a reader knows:
 *
 * <ul>
 *   <li>every published figure: the sum of its atoms;
 *   <li>every {@link AtomRule} in every atom;
 *   <li>counts of people: at most the events they count (users ≤ sent), at least those of any
 *       part and at most those of all parts together (a week and its days, a campaign and its
 *       templates, a campaign and the numbers it was sent from).
 * </ul>
 *
 * <p>In {@link Mode#PROTECT} a published figure may be given up at a cost (its group's weight):
 * the cheapest set of groups to withhold so that the witness exists.
 */
final class WitnessProgram {
  /** What a programme is for. */
  enum Mode {
    /** Every published figure holds: is there a witness? */
    CERTIFY,
    /** Published figures may be withheld at a cost: which are the cheapest to withhold? */
    PROTECT
  }

  /** A group of figures withheld or published together: one family of one row. */
  record Group(int row, int family) {}

  /** How much giving up a group costs (an agency's valuation of it). */
  @FunctionalInterface
  public interface Costs extends java.io.Serializable {
    double of(GoldRow row, RowFamily family);
  }

  private final ClientModel model;
  private final boolean[][] withheld;
  private final int firstDay;
  private final int lastDay;
  private final Mode mode;
  private final Costs costs;
  private final String space;
  private final AtomSpace atomSpace;
  private final List<String> varied;
  final LinearProgram lp = new LinearProgram();
  private final Map<Long, Integer> variables = new HashMap<>();
  private final Map<Group, Integer> people = new HashMap<>();
  private final Map<Integer, Group> slackGroups = new HashMap<>();
  private final List<Integer> rowsInRange;
  /** The true value of each variable: every witness programme has the truth as a solution. */
  private final List<Double> truth = new ArrayList<>();
  /** What each row of the programme says, for a failed self-check. */
  final List<String> rowNames = new ArrayList<>();

  /**
   * A programme over the atoms of {@code space} from {@code firstDay} to {@code lastDay}, varying
   * {@code quantities} (every other stays true).
   */
  WitnessProgram(ClientModel model, boolean[][] withheld, String space, Set<String> quantities, int firstDay, int lastDay, Mode mode,
      Costs costs) {
    this.model = model;
    this.withheld = withheld;
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    this.mode = mode;
    this.costs = costs;
    this.space = space;
    this.atomSpace = model.space(space);
    this.varied = List.copyOf(quantities);
    this.rowsInRange = model.rowsOverlapping(firstDay, lastDay);
    build();
  }

  /**
   * The quantities a witness for {@code groups} varies: their families' own, and with {@code
   * wide} every quantity the space's rules tie them to (a buyer's conversions with the messages
   * that carried them).
   */
  static Set<String> quantities(ClientModel model, List<Group> groups, boolean wide) {
    Set<String> quantities = new LinkedHashSet<>();
    AtomSpace atomSpace = null;
    for (Group group : groups) {
      RowFamily family = model.row(group.row()).families().get(group.family());
      atomSpace = model.space(family.space());
      family.measures().forEach(m -> quantities.add(m.quantity()));
      if (family.people() != null && family.people().bound() != null) {
        quantities.add(family.people().bound());
      }
    }
    if (wide && atomSpace != null) {
      quantities.addAll(tiedTo(atomSpace, quantities));
    }
    return quantities;
  }

  /** The quantities the space's rules tie to {@code quantities}, directly or through others. */
  static Set<String> tiedTo(AtomSpace space, Set<String> quantities) {
    Set<String> tied = new LinkedHashSet<>(quantities);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (AtomRule rule : space.rules()) {
        boolean touches = rule.terms().stream().anyMatch(t -> tied.contains(t.quantity()));
        if (touches) {
          for (AtomRule.Term term : rule.terms()) {
            if (tied.add(term.quantity())) {
              grew = true;
            }
          }
        }
      }
    }
    tied.removeAll(quantities);
    return tied;
  }


  /** The variables whose sum is a measure of a group in this programme; empty when it varies none. */
  int[] sumOf(Group group, RowMeasure measure) {
    int q = varied.indexOf(measure.quantity());
    if (q < 0) {
      return new int[0];
    }
    return java.util.Arrays.stream(inRange(model.atomsOf(group.row(), group.family()))).map(a -> variables.get(key(a, q))).toArray();
  }

  /** The variable of a group's people, or -1 when they are not one of this programme's unknowns. */
  int peopleOf(Group group) {
    return people.getOrDefault(group, -1);
  }

  /** The groups a {@link Mode#PROTECT} solution gives up. */
  Set<Group> givenUp(double[] solution) {
    Set<Group> groups = new LinkedHashSet<>();
    slackGroups.forEach((variable, group) -> {
      if (solution[variable] > LinearProgram.TOLERANCE * Math.max(1, Math.abs(solution[variable]))) {
        groups.add(group);
      }
    });
    return groups;
  }

  private void build() {
    List<Atom> atoms = model.atoms(space);
    for (int a : model.atomsBetween(space, firstDay, lastDay)) {
      for (int q = 0; q < varied.size(); q++) {
        variables.put(key(a, q), variable(atoms.get(a).value(atomSpace.quantity(varied.get(q)))));
      }
    }
    for (int a : model.atomsBetween(space, firstDay, lastDay)) {
      for (AtomRule rule : atomSpace.rules()) {
        atomRule(rule, a, atoms.get(a));
      }
    }
    for (int r : rowsInRange) {
      GoldRow row = model.row(r);
      for (int f = 0; f < row.families().size(); f++) {
        RowFamily family = row.families().get(f);
        if (space.equals(family.space()) && family.people() != null) {
          Group group = new Group(r, f);
          if (withheld[r][f] && !row.fixed() && row.firstDay() >= firstDay && row.lastDay() <= lastDay) {
            people.put(group, variable(family.people().value()));
          }
        }
      }
    }
    for (int r : rowsInRange) {
      GoldRow row = model.row(r);
      for (int f = 0; f < row.families().size(); f++) {
        RowFamily family = row.families().get(f);
        if (!space.equals(family.space())) {
          continue;
        }
        int[] inRange = inRange(model.atomsOf(r, f));
        if (!withheld[r][f]) {
          for (RowMeasure measure : family.measures()) {
            published(r, f, measure, inRange);
          }
        }
        if (family.people() != null) {
          peopleBound(r, f, family.people());
          peopleNesting(r, f, family.people());
        }
      }
    }
  }

  /** A published figure keeps its sum over the atoms the witness may change. */
  private void published(int r, int f, RowMeasure measure, int[] inRange) {
    int q = varied.indexOf(measure.quantity());
    if (q < 0 || inRange.length == 0) {
      return;
    }
    double level = model.sum(space, inRange, atomSpace.quantity(measure.quantity()));
    List<Integer> vars = new ArrayList<>();
    List<Double> coefficients = new ArrayList<>();
    for (int a : inRange) {
      vars.add(variables.get(key(a, q)));
      coefficients.add(1.0);
    }
    if (slackAllowed(r)) {
      int up = slack(r, f);
      int down = slack(r, f);
      vars.add(up);
      coefficients.add(-1.0);
      vars.add(down);
      coefficients.add(1.0);
    }
    row("published " + model.row(r) + " " + measure.column(), vars, coefficients, level, level);
  }

  /** People are at most the events that count each of them once: u ≤ Σ bound. */
  private void peopleBound(int r, int f, RowPeople p) {
    int q = p.bound() == null ? -1 : varied.indexOf(p.bound());
    if (q < 0) {
      return;
    }
    int[] all = model.atomsOf(r, f);
    int[] inRange = inRange(all);
    Integer variable = people.get(new Group(r, f));
    if (inRange.length == 0 && variable == null || model.row(r).firstDay() < model.completeFrom()) {
      return; // nothing the witness changes, or atoms the model does not hold
    }
    double outside = model.sum(space, all, atomSpace.quantity(p.bound())) - model.sum(space, inRange, atomSpace.quantity(p.bound()));
    List<Integer> vars = new ArrayList<>();
    List<Double> coefficients = new ArrayList<>();
    double constant = 0;
    if (variable != null) {
      vars.add(variable);
      coefficients.add(1.0);
    } else {
      constant = p.value();
    }
    for (int a : inRange) {
      vars.add(variables.get(key(a, q)));
      coefficients.add(-1.0);
    }
    // u - Σ in ≤ outside
    if (variable == null && !withheld[r][f] && slackAllowed(r)) {
      vars.add(slack(r, f));
      coefficients.add(-1.0);
    }
    row("people <= bound " + model.row(r), vars, coefficients, Double.NEGATIVE_INFINITY, outside - constant);
  }

  /**
   * Counts of the same people in rows that contain one another: a part's at most the whole's;
   * the whole's at most the sum over any table (and grain) whose rows meet it. Only relations
   * with one of this programme's people in them say anything new.
   */
  private void peopleNesting(int r, int f, RowPeople p) {
    Group group = new Group(r, f);
    GoldRow row = model.row(r);
    List<Integer> overlapping = model.rowsOverlapping(row.firstDay(), row.lastDay());
    // u(part) ≤ u(whole)
    for (int o : overlapping) {
      GoldRow other = model.row(o);
      for (int g = 0; g < other.families().size(); g++) {
        RowFamily family = other.families().get(g);
        if (o == r || family.people() == null || !family.people().identity().equals(p.identity())) {
          continue;
        }
        if (contains(other, row) && (people.containsKey(group) || people.containsKey(new Group(o, g)))) {
          lessOrEqual(List.of(group), new Group(o, g));
        }
      }
    }
    // u(whole) ≤ Σ u(parts that meet it), for every table and grain of the same people
    Map<String, List<Group>> meeting = new HashMap<>();
    for (int o : overlapping) {
      GoldRow other = model.row(o);
      for (int g = 0; g < other.families().size(); g++) {
        RowFamily family = other.families().get(g);
        if (o == r || family.people() == null || !family.people().identity().equals(p.identity()) || !meets(row, other)) {
          continue;
        }
        if (other.table().equals(row.table()) && other.period().equals(row.period())) {
          continue;
        }
        meeting.computeIfAbsent(other.table() + "/" + other.period(), k -> new ArrayList<>()).add(new Group(o, g));
      }
    }
    for (var parts : meeting.entrySet()) {
      if (row.firstDay() < model.completeFrom()) {
        continue; // parts before the first day the model holds whole are missing from the sum
      }
      boolean relevant = people.containsKey(group) || parts.getValue().stream().anyMatch(people::containsKey);
      if (relevant) {
        lessOrEqualSum(group, parts.getValue());
      }
    }
  }

  private void lessOrEqual(List<Group> smaller, Group larger) {
    List<Integer> vars = new ArrayList<>();
    List<Double> coefficients = new ArrayList<>();
    double constant = 0;
    Group publishedConstant = null;
    for (Group s : smaller) {
      Integer v = people.get(s);
      if (v != null) {
        vars.add(v);
        coefficients.add(1.0);
      } else {
        constant += peopleValue(s);
        publishedConstant = published(s) ? s : publishedConstant;
      }
    }
    Integer l = people.get(larger);
    if (l != null) {
      vars.add(l);
      coefficients.add(-1.0);
    } else {
      constant -= peopleValue(larger);
      publishedConstant = published(larger) ? larger : publishedConstant;
    }
    if (vars.isEmpty()) {
      return;
    }
    if (publishedConstant != null && slackAllowed(publishedConstant.row())) {
      vars.add(slack(publishedConstant.row(), publishedConstant.family()));
      coefficients.add(-1.0);
    }
    row("people part <= whole " + model.row(smaller.get(0).row()) + " <= " + model.row(larger.row()), vars, coefficients,
        Double.NEGATIVE_INFINITY, -constant);
  }

  private void lessOrEqualSum(Group whole, List<Group> parts) {
    List<Integer> vars = new ArrayList<>();
    List<Double> coefficients = new ArrayList<>();
    double constant = 0;
    Group publishedConstant = null;
    Integer w = people.get(whole);
    if (w != null) {
      vars.add(w);
      coefficients.add(1.0);
    } else {
      constant += peopleValue(whole);
      publishedConstant = published(whole) ? whole : null;
    }
    for (Group part : parts) {
      Integer v = people.get(part);
      if (v != null) {
        vars.add(v);
        coefficients.add(-1.0);
      } else {
        constant -= peopleValue(part);
        publishedConstant = publishedConstant == null && published(part) ? part : publishedConstant;
      }
    }
    if (vars.isEmpty()) {
      return;
    }
    if (publishedConstant != null && slackAllowed(publishedConstant.row())) {
      vars.add(slack(publishedConstant.row(), publishedConstant.family()));
      coefficients.add(-1.0);
    }
    row("people whole <= sum of parts " + model.row(whole.row()) + " over " + model.row(parts.get(0).row()).table() + "/"
        + model.row(parts.get(0).row()).period(), vars, coefficients, Double.NEGATIVE_INFINITY, -constant);
  }

  private boolean published(Group group) {
    return !withheld[group.row()][group.family()];
  }

  private double peopleValue(Group group) {
    return model.row(group.row()).families().get(group.family()).people().value();
  }

  private void atomRule(AtomRule rule, int a, Atom atom) {
    List<Integer> vars = new ArrayList<>();
    List<Double> coefficients = new ArrayList<>();
    double constant = 0;
    for (AtomRule.Term term : rule.terms()) {
      double c = term.coefficient().of(atomSpace, atom);
      int q = varied.indexOf(term.quantity());
      if (q >= 0) {
        vars.add(variables.get(key(a, q)));
        coefficients.add(c);
      } else {
        constant += c * atom.value(atomSpace.quantity(term.quantity()));
      }
    }
    if (!vars.isEmpty()) {
      row("rule " + rule.name() + " in " + atom, vars, coefficients, Double.NEGATIVE_INFINITY, -constant);
    }
  }

  private int variable(double trueValue) {
    truth.add(trueValue);
    return lp.variable(0, Double.POSITIVE_INFINITY);
  }

  private void row(String name, List<Integer> vars, List<Double> coefficients, double lower, double upper) {
    rowNames.add(name);
    lp.row(ints(vars), doubles(coefficients), lower, upper);
  }

  /**
   * The truth must satisfy every row built from what gold publishes and what holds in atoms: a
   * row it breaks is a relation that is not true, and witnesses could not be found near it.
   * Null when it holds; otherwise what the first broken row says.
   */
  String truthBreaks() {
    double[] x = new double[lp.size()];
    for (int v = 0; v < truth.size(); v++) {
      x[v] = truth.get(v);
    }
    int broken = lp.firstBroken(x);
    return broken < 0 ? null : rowNames.get(broken);
  }

  private boolean slackAllowed(int row) {
    return mode == Mode.PROTECT && !model.row(row).fixed();
  }

  private int slack(int r, int f) {
    int variable = variable(0);
    lp.objective(variable, costs.of(model.row(r), model.row(r).families().get(f)));
    slackGroups.put(variable, new Group(r, f));
    return variable;
  }

  private int[] inRange(int[] atoms) {
    List<Atom> list = model.atoms(space);
    return java.util.Arrays.stream(atoms).filter(a -> list.get(a).day() >= firstDay && list.get(a).day() <= lastDay).toArray();
  }

  /** Whether every atom of {@code part} is one of {@code whole}'s, by their members and periods alone. */
  static boolean contains(GoldRow whole, GoldRow part) {
    if (part.firstDay() < whole.firstDay() || part.lastDay() > whole.lastDay()) {
      return false;
    }
    for (String dimension : whole.dimensions()) {
      if (!part.dimensions().contains(dimension) || !part.members().get(dimension).equals(whole.members().get(dimension))) {
        return false;
      }
    }
    return true;
  }

  /** Whether two rows can share an atom: overlapping periods and no dimension they disagree on. */
  static boolean meets(GoldRow a, GoldRow b) {
    if (a.lastDay() < b.firstDay() || b.lastDay() < a.firstDay()) {
      return false;
    }
    for (String dimension : a.dimensions()) {
      if (b.dimensions().contains(dimension) && !a.members().get(dimension).equals(b.members().get(dimension))) {
        return false;
      }
    }
    return true;
  }

  private static long key(int atom, int quantity) {
    return ((long) atom << 8) | quantity;
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double[] doubles(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}

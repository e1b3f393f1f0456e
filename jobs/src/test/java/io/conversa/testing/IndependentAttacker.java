package io.conversa.testing;

import io.delta.tables.DeltaTable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.spark.sql.SparkSession;

/**
 * An attacker's model of one client's published gold, written apart from conversa's own disclosure
 * control (it reads nothing of io.conversa.disclosure, .release or .aggregate) so that each can be
 * checked against the other.
 *
 * <p>The attacker sees the rows of the gold tables, withheld figures as nulls. It models the
 * outbound messages as unknown non-negative <em>atoms</em>, one set of quantities per (phone
 * number, campaign, template, pricing category, local day) that the published rows allow; sessions
 * and ad referrals as unknown day rows. Every figure of every row is the sum of its atoms; on top
 * come relations that hold for any real data (the funnel's order within an atom, people as bounds
 * on counts and on each other, free pricing categories cost nothing). By linear programming it then
 * computes the feasible interval [min, max] of each withheld additive figure of a sensitive family
 * and reports those too narrow:
 *
 * <ul>
 *   <li>anchor counts (sent, converted, messages, sessions, conversations_started): width &lt; k;
 *   <li>money (cost, revenue): width &lt; 0.01, pinned to the cent;
 *   <li>any other count: width 0, pinned exactly;
 *   <li>always only when max &gt; 0: a figure proved to be 0 is an empty set of people, and a free
 *       category's cost of 0 is public knowledge.
 * </ul>
 *
 * People figures (users) are unknowns of the model but never targets. Counts are integers, so their
 * LP bounds are rounded inwards (ceil of min, floor of max); the attacker does not branch further
 * (an integer programme could be narrower still in degenerate cases).
 *
 * <p>The programme solved is the atoms' exact projection onto fewer variables ({@link
 * Formulation#CELLS}, see Model#addCells; the atoms themselves remain available, and a test checks
 * that both give the same intervals).
 *
 * <p>Solver checks. The solver is commons-math3's simplex (on every Spark classpath; dense, so the
 * programmes are kept small: connected components only, variables every solution agrees on fixed
 * beforehand, identical columns merged). Every optimum is accepted only with its witness: a
 * solution that satisfies every constraint of the whole component within 1e-9 relative and whose
 * objective, recomputed from it, equals the value the solver reported. Both ends of an interval are
 * therefore attained, so the true interval is at least as wide as reported: no solver error can
 * hide a disclosure. The converse, that nothing lies beyond the ends, rests on the solver's
 * optimality, so each finding is confirmed by asking again whether any solution lies one step
 * beyond each end (see Solver#confirm). A failed or unverified solve is retried with Bland's rule
 * and then with tighter tolerances; only when every attempt fails is the figure left without a
 * finding, and the failure is listed in {@link Report#solverFailures()} so that a test can require
 * it to be empty. A programme that every attempt calls infeasible means that the published rows
 * contradict the model: that is thrown, never ignored.
 *
 * <p>Size: a few days of a busy client solve in seconds, ten days of dense random gold in about a
 * minute or two; a month of it is beyond a dense simplex. {@link #attack} skips every figure that
 * solutions already found show too wide, which solves far fewer programmes than {@link #analyse}.
 */
public final class IndependentAttacker {

  /**
   * A published row: {@code figures} maps a figure column to its value, null when withheld; a
   * figure not in the map is unknown but not withheld (e.g. money in mixed currencies).
   */
  public record Row(
      String table,
      Map<String, String> members,
      String period,
      LocalDate periodStart,
      Map<String, Double> figures) {
    public Row {
      members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
      figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }
  }

  /** The feasible interval of one withheld figure as the attacker computes it. */
  public record Finding(
      String table,
      Map<String, String> members,
      String period,
      LocalDate periodStart,
      String figure,
      double min,
      double max) {
    public double width() {
      return max - min;
    }
  }

  /**
   * Everything {@link #analyse} computed: the findings; the exact interval of every figure it
   * solved; the figures it did not need to solve because solutions already found show them too wide
   * to disclose (with the range they span, inside the interval); and the solves that failed after
   * every retry (no finding was possible for those figures).
   */
  public record Report(
      List<Finding> findings,
      List<Finding> intervals,
      List<Finding> witnessedWide,
      List<String> solverFailures) {}

  private IndependentAttacker() {}

  /**
   * The withheld figures of sensitive families (all withheld families when null) too narrow. Only
   * figures that feasible solutions found so far do not already show wide are solved.
   */
  public static List<Finding> attack(
      List<Row> publishedRowsOfOneClient, Set<String> sensitiveKeys, int k) {
    return analyse(publishedRowsOfOneClient, sensitiveKeys, k, false, Formulation.CELLS).findings();
  }

  /** {@link #attack} with the exact interval of every targeted figure and every solver failure. */
  public static Report analyse(
      List<Row> publishedRowsOfOneClient, Set<String> sensitiveKeys, int k) {
    return analyse(publishedRowsOfOneClient, sensitiveKeys, k, true, Formulation.CELLS);
  }

  /**
   * The analysis, solving every target ({@code everyInterval}) or only those the witnesses do not
   * already show wide, with the outbound messages modelled one way or the other (for tests).
   */
  static Report analyse(
      List<Row> publishedRowsOfOneClient,
      Set<String> sensitiveKeys,
      int k,
      boolean everyInterval,
      Formulation formulation) {
    Model model = new Model(publishedRowsOfOneClient, formulation);
    Solver solver = new Solver(model.lp, k);
    List<Target> targets = model.targets(sensitiveKeys);
    if (!everyInterval) {
      solver.seedWitnesses(targets);
    }
    List<Finding> intervals = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<Finding> wide = new ArrayList<>();
    for (Target target : targets) {
      Finding range = everyInterval ? null : solver.witnessedRange(target);
      if (range != null && provedWide(range, k)) {
        wide.add(range);
        continue;
      }
      Finding interval = solver.interval(target);
      if (interval == null) {
        continue; // listed in solverFailures
      }
      if (disclosed(interval, k)) {
        interval = solver.confirm(target, interval);
      }
      intervals.add(interval);
      if (disclosed(interval, k)) {
        findings.add(interval);
      }
    }
    return new Report(findings, intervals, wide, List.copyOf(solver.failures));
  }

  /** The key of a family of a row, as in {@code sensitiveKeys}. */
  public static String key(
      String table, Map<String, String> members, String period, LocalDate start, String family) {
    return table + "|" + new TreeMap<>(members) + "|" + period + "|" + start + "|" + family;
  }

  // ---------------------------------------------------------------------------------------------
  // What the gold tables mean

  static final String CAMPAIGN = "campaign_funnel";
  static final String TEMPLATE = "template_funnel";
  static final String NUMBER = "number_funnel";
  static final String CONVERSATIONS = "conversations";
  static final String ADS = "ad_referrals";
  private static final List<String> TABLES =
      List.of(CAMPAIGN, TEMPLATE, NUMBER, CONVERSATIONS, ADS);
  private static final Set<String> FUNNELS = Set.of(CAMPAIGN, TEMPLATE, NUMBER);
  private static final Set<String> OUTBOUND_TABLES =
      Set.of(CAMPAIGN, TEMPLATE, NUMBER, CONVERSATIONS);

  private static final String DAY = "day";
  private static final String WEEK = "week";
  private static final String MONTH = "month";
  private static final String USERS = "users";
  private static final String SERVICE = "service";

  /** Categories Meta does not charge: their atoms' cost is 0. */
  private static final Set<String> FREE_CATEGORIES = Set.of(SERVICE, "(unpriced)");

  /** A dimension whose table the client has no rows of: one unknown member stands for all. */
  private static final String ANY = "*";

  private static final Map<String, List<String>> MEMBERS =
      Map.of(
          CAMPAIGN, List.of("campaign"),
          TEMPLATE, List.of("campaign", "template"),
          NUMBER, List.of("phone_number_id"),
          CONVERSATIONS, List.of("phone_number_id", "pricing_category"),
          ADS, List.of("referral_source_id"));

  /** A figure's family (withheld together) and the atom quantity it sums (null for people). */
  private record Spec(String family, String quantity) {}

  private static final Map<String, Map<String, Spec>> FIGURES = figures();

  private static Map<String, Map<String, Spec>> figures() {
    Map<String, Spec> funnel = new LinkedHashMap<>();
    funnel.put(USERS, new Spec("recipients", null));
    for (String f : List.of("sent", "delivered", "read", "failed", "replied", "clicked", "cost")) {
      funnel.put(f, new Spec("recipients", f));
    }
    for (String f : List.of("converted", "conversions", "revenue")) {
      funnel.put(f, new Spec("buyers", f));
    }
    Map<String, Spec> conversations = new LinkedHashMap<>();
    conversations.put(USERS, new Spec("users", null));
    conversations.put("messages", new Spec("recipients", "sent"));
    conversations.put("billable_messages", new Spec("recipients", "billable"));
    conversations.put("cost", new Spec("recipients", "cost"));
    conversations.put("sessions", new Spec("session_users", "sessions"));
    Map<String, Spec> ads = new LinkedHashMap<>();
    ads.put(USERS, new Spec("users", null));
    ads.put("conversations_started", new Spec("users", "ad_started"));
    ads.put("replied", new Spec("users", "ad_replied"));
    ads.put("converted", new Spec("buyers", "ad_converted"));
    ads.put("revenue", new Spec("buyers", "ad_revenue"));
    return Map.of(
        CAMPAIGN, funnel, TEMPLATE, funnel, NUMBER, funnel, CONVERSATIONS, conversations, ADS, ads);
  }

  private static final Set<String> ANCHORS =
      Set.of("sent", "converted", "messages", "sessions", "conversations_started");
  private static final Set<String> MONEY = Set.of("cost", "revenue");

  private static final List<String> OUTBOUND_QUANTITIES =
      List.of(
          "sent",
          "delivered",
          "read",
          "failed",
          "replied",
          "clicked",
          "converted",
          "conversions",
          "billable",
          "revenue",
          "cost");
  private static final List<String> AD_QUANTITIES =
      List.of("ad_started", "ad_replied", "ad_converted", "ad_revenue");

  /** sum(lhs) <= rhs within one atom (one outbound atom or one ad day row). */
  private record AtomRule(List<String> lhs, String rhs) {}

  private static final List<AtomRule> ATOM_RULES =
      List.of(
          new AtomRule(List.of("delivered", "failed"), "sent"),
          new AtomRule(List.of("read"), "delivered"),
          new AtomRule(List.of("replied", "failed"), "sent"),
          new AtomRule(List.of("clicked"), "replied"),
          new AtomRule(List.of("converted", "failed"), "sent"),
          new AtomRule(List.of("converted"), "conversions"),
          new AtomRule(List.of("billable"), "sent"),
          new AtomRule(List.of("ad_replied"), "ad_started"),
          new AtomRule(List.of("ad_converted"), "ad_started"));

  /** A range inside the interval already too wide for {@link #disclosed}, whatever the rest. */
  private static boolean provedWide(Finding range, int k) {
    double width = range.max() - range.min();
    if (MONEY.contains(range.figure())) {
      return width >= 0.01;
    }
    return width >= (ANCHORS.contains(range.figure()) ? k : 1); // counts: rounded inwards
  }

  private static boolean disclosed(Finding f, int k) {
    if (!(f.max() > 0)) {
      return false; // proved 0: nobody behind it (or a free category's cost)
    }
    if (MONEY.contains(f.figure())) {
      return f.width() < 0.01;
    }
    if (ANCHORS.contains(f.figure())) {
      return f.width() < k;
    }
    return f.width() == 0;
  }

  private static LocalDate periodEnd(String period, LocalDate start) {
    return switch (period) {
      case DAY -> start;
      case WEEK -> start.plusDays(6);
      case MONTH -> start.with(TemporalAdjusters.lastDayOfMonth());
      default -> throw new IllegalArgumentException("unknown period " + period);
    };
  }

  private static LocalDate weekOf(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static String rowKey(Row r) {
    return key(r.table(), r.members(), r.period(), r.periodStart(), "");
  }

  private static String groupKey(String table, String period, LocalDate start) {
    return table + "|" + period + "|" + start;
  }

  // ---------------------------------------------------------------------------------------------
  // Linear algebra

  /** A linear expression over the programme's variables plus a constant. */
  private static final class Expr {
    final TreeMap<Integer, Double> terms = new TreeMap<>();
    double constant;

    static Expr constant(double c) {
      Expr e = new Expr();
      e.constant = c;
      return e;
    }

    static Expr variable(int v) {
      return new Expr().add(v, 1);
    }

    Expr add(int variable, double coef) {
      terms.merge(variable, coef, Double::sum);
      return this;
    }

    Expr plus(Expr other, double factor) {
      Expr e = new Expr();
      e.terms.putAll(terms);
      e.constant = constant + factor * other.constant;
      other.terms.forEach((v, c) -> e.add(v, factor * c));
      e.terms.values().removeIf(c -> c == 0);
      return e;
    }

    static Expr sum(List<Expr> parts) {
      Expr e = new Expr();
      for (Expr p : parts) {
        e = e.plus(p, 1);
      }
      return e;
    }
  }

  /** lower <= sum(coefs * x[vars]) <= upper. */
  private record Constraint(int[] vars, double[] coefs, double lower, double upper, String what) {}

  /** A linear programme over non-negative variables. */
  private static final class Lp {
    int variables;
    final List<Constraint> constraints = new ArrayList<>();

    int newVariable() {
      return variables++;
    }

    void equal(Expr e, double value, String what) {
      bound(e, value, value, what);
    }

    /** a <= b. */
    void atMost(Expr a, Expr b, String what) {
      bound(a.plus(b, -1), Double.NEGATIVE_INFINITY, 0, what);
    }

    private void bound(Expr e, double lower, double upper, String what) {
      double lo = lower - e.constant;
      double hi = upper - e.constant;
      if (e.terms.isEmpty()) {
        // Published figures alone: they must agree with the model, or the model is wrong.
        double tol = 1e-9 * Math.max(1, Math.abs(e.constant));
        if (lo > tol || hi < -tol) {
          throw new IllegalStateException(
              "published rows contradict the attacker's model: " + what);
        }
        return;
      }
      int[] vars = e.terms.keySet().stream().mapToInt(Integer::intValue).toArray();
      double[] coefs = e.terms.values().stream().mapToDouble(Double::doubleValue).toArray();
      constraints.add(new Constraint(vars, coefs, lo, hi, what));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The attacker's model of one client's gold

  /** How the outbound messages are modelled: atoms as specified, or their exact projection. */
  enum Formulation {
    ATOMS,
    CELLS
  }

  /** ATOM: (campaign, template, number, category, day); the others: see Model#addCells. */
  private enum Kind {
    ATOM,
    MAIN,
    SPLIT,
    COST_CT,
    COST_NP,
    REV_CT,
    REV_N
  }

  /** A unit of outbound messages; dimensions it does not split by are null. */
  private record Cell(
      Kind kind, String campaign, String template, String number, String category, LocalDate day) {}

  private record Target(Row row, String figure, Expr expr) {}

  private static final class Model {
    final Lp lp = new Lp();

    private final List<Row> rows;
    private final Set<String> tables = new HashSet<>();
    private final Map<String, Row> byKey = new HashMap<>();
    private final Map<String, List<Row>> byGroup = new HashMap<>();
    private final Set<String> quantities;
    private final Formulation formulation;
    private final List<Cell> cells = new ArrayList<>();
    private final List<Map<String, Integer>> cellVars = new ArrayList<>();
    private final Map<LocalDate, List<Integer>> cellsByDay = new HashMap<>();

    /** Own day-row quantities: sessions of service rows, an ad's day row. */
    private final Map<Row, Map<String, Integer>> dayRowVars = new IdentityHashMap<>();

    private final Map<Row, Expr> people = new IdentityHashMap<>();

    Model(List<Row> rows, Formulation formulation) {
      this.rows = List.copyOf(rows);
      this.formulation = formulation;
      index();
      quantities = modelledQuantities();
      buildOutbound();
      buildDayRowAtoms();
      publish();
      boundPeople();
    }

    private void index() {
      for (Row r : rows) {
        if (!FIGURES.containsKey(r.table())) {
          throw new IllegalArgumentException("not a gold table of figures: " + r.table());
        }
        tables.add(r.table());
        if (byKey.put(rowKey(r), r) != null) {
          throw new IllegalArgumentException("duplicate row " + rowKey(r));
        }
        byGroup
            .computeIfAbsent(
                groupKey(r.table(), r.period(), r.periodStart()), g -> new ArrayList<>())
            .add(r);
      }
    }

    /**
     * The quantities that appear in some row, closed under the atom rules' right-hand sides. An
     * absent quantity that only ever appears on a left-hand side can be 0 in every solution, so
     * dropping it neither adds nor removes a feasible value of the others.
     */
    private Set<String> modelledQuantities() {
      Set<String> q = new HashSet<>();
      for (Row r : rows) {
        for (String f : r.figures().keySet()) {
          Spec spec = FIGURES.get(r.table()).get(f);
          if (spec != null && spec.quantity() != null) {
            q.add(spec.quantity());
          }
        }
      }
      if (tables.stream().anyMatch(OUTBOUND_TABLES::contains)) {
        q.add("sent"); // people are bounded by it
      }
      if (tables.contains(ADS)) {
        q.add("ad_started");
      }
      boolean grew = true;
      while (grew) {
        grew = false;
        for (AtomRule rule : ATOM_RULES) {
          if (rule.lhs().stream().anyMatch(q::contains)) {
            grew |= q.add(rule.rhs());
          }
        }
      }
      return q;
    }

    // --- outbound atoms, or their exact projection onto cells

    private void buildOutbound() {
      Set<LocalDate> days = new TreeSet<>();
      for (Row r : rows) {
        if (OUTBOUND_TABLES.contains(r.table()) && r.period().equals(DAY)) {
          days.add(r.periodStart());
        }
      }
      for (LocalDate d : days) {
        List<String[]> campaignTemplates = new ArrayList<>();
        for (String c : campaignsOn(d)) {
          templatesOf(c, d).forEach(t -> campaignTemplates.add(new String[] {c, t}));
        }
        Map<String, List<String>> categories = new LinkedHashMap<>();
        for (String n : numbersOn(d)) {
          List<String> p = categoriesOn(n, d);
          if (!p.isEmpty()) {
            categories.put(n, p); // a number without a category row that day sent nothing
          }
        }
        if (formulation == Formulation.ATOMS) {
          addAtoms(d, campaignTemplates, categories);
        } else {
          addCells(d, campaignTemplates, categories);
        }
      }
    }

    /** Every combination the published rows allow: one variable per atom and quantity. */
    private void addAtoms(
        LocalDate d, List<String[]> campaignTemplates, Map<String, List<String>> categories) {
      for (String[] ct : campaignTemplates) {
        categories.forEach(
            (n, ps) -> {
              for (String p : ps) {
                Set<String> carried = new HashSet<>(OUTBOUND_QUANTITIES);
                if (FREE_CATEGORIES.contains(p)) {
                  carried.remove("cost");
                }
                applyAtomRules(addCell(new Cell(Kind.ATOM, ct[0], ct[1], n, p, d), carried));
              }
            });
      }
    }

    /**
     * The atom model projected onto far fewer variables, exactly (the feasible set of every row
     * figure and people bound is the same; the ATOMS formulation is kept to test this):
     *
     * <ul>
     *   <li>MAIN (campaign, template, number, day) carries the funnel's counts with the atom rules.
     *       No row splits them by category except sent and billable (conversations), so a MAIN
     *       cell's other counts can be spread over its categories in proportion to sent, which
     *       keeps every rule (they are homogeneous) and leaves only sent and billable to split.
     *   <li>SPLIT (number, category, day) carries the category's sent and billable, billable &lt;=
     *       sent. With sent = billable + unbilled, both parts non-negative and independent, each is
     *       a transportation problem between the day's (campaign, template) cells and the number's
     *       categories, complete (every pair is an atom): feasible exactly when both sides have the
     *       same total, which is the only link kept.
     *   <li>COST_CT (campaign, template, day) and COST_NP (number, priced category, day): cost is
     *       one quantity without rules on the complete pairs of the day's (campaign, template)
     *       cells and priced (number, category) cells, again a transportation problem: equal totals
     *       per day.
     *   <li>REV_CT (campaign, template, day) and REV_N (number, day): the same for revenue, which
     *       no row splits by category.
     * </ul>
     */
    private void addCells(
        LocalDate d, List<String[]> campaignTemplates, Map<String, List<String>> categories) {
      if (campaignTemplates.isEmpty() || categories.isEmpty()) {
        return; // no atom that day
      }
      Set<String> counts = new HashSet<>(OUTBOUND_QUANTITIES);
      counts.removeAll(MONEY);
      Map<String, Expr> sentOf = new HashMap<>();
      Map<String, Expr> billableOf = new HashMap<>();
      for (String[] ct : campaignTemplates) {
        for (String n : categories.keySet()) {
          Map<String, Integer> main =
              addCell(new Cell(Kind.MAIN, ct[0], ct[1], n, null, d), counts);
          applyAtomRules(main);
          addTerm(sentOf, n, main.get("sent"));
          addTerm(billableOf, n, main.get("billable"));
        }
      }
      if (tables.contains(CONVERSATIONS)) {
        categories.forEach((n, ps) -> splitByCategory(d, n, ps, sentOf.get(n), billableOf.get(n)));
      }
      linkTotals(d, campaignTemplates, categories, "cost");
      linkTotals(d, campaignTemplates, categories, "revenue");
    }

    private void splitByCategory(LocalDate d, String n, List<String> ps, Expr sent, Expr billable) {
      Expr splitSent = new Expr();
      Expr splitBillable = new Expr();
      for (String p : ps) {
        Map<String, Integer> split =
            addCell(new Cell(Kind.SPLIT, null, null, n, p, d), Set.of("sent", "billable"));
        applyAtomRules(split);
        splitSent.add(split.get("sent"), 1);
        if (split.containsKey("billable")) {
          splitBillable.add(split.get("billable"), 1);
        }
      }
      lp.equal(splitSent.plus(sent, -1), 0, "categories' sent = cells' sent " + n + " " + d);
      if (billable != null) {
        lp.equal(
            splitBillable.plus(billable, -1),
            0,
            "categories' billable = cells' billable " + n + " " + d);
      }
    }

    /** Money of one day: (campaign, template) cells on one side, numbers' cells on the other. */
    private void linkTotals(
        LocalDate d,
        List<String[]> campaignTemplates,
        Map<String, List<String>> categories,
        String money) {
      if (!quantities.contains(money)) {
        return;
      }
      List<Cell> numberSide = new ArrayList<>();
      categories.forEach(
          (n, ps) -> {
            if (money.equals("revenue")) {
              numberSide.add(new Cell(Kind.REV_N, null, null, n, null, d));
            } else {
              ps.stream()
                  .filter(p -> !FREE_CATEGORIES.contains(p))
                  .forEach(p -> numberSide.add(new Cell(Kind.COST_NP, null, null, n, p, d)));
            }
          });
      if (numberSide.isEmpty()) {
        return; // only free categories that day: no cost anywhere
      }
      Kind campaignKind = money.equals("revenue") ? Kind.REV_CT : Kind.COST_CT;
      Expr balance = new Expr();
      for (String[] ct : campaignTemplates) {
        balance.add(
            addCell(new Cell(campaignKind, ct[0], ct[1], null, null, d), Set.of(money)).get(money),
            1);
      }
      for (Cell c : numberSide) {
        balance.add(addCell(c, Set.of(money)).get(money), -1);
      }
      lp.equal(balance, 0, money + " of the day's campaigns = of its numbers " + d);
    }

    private static void addTerm(Map<String, Expr> sums, String key, Integer variable) {
      if (variable != null) {
        sums.computeIfAbsent(key, k -> new Expr()).add(variable, 1);
      }
    }

    /** A cell with a variable for each modelled quantity it carries. */
    private Map<String, Integer> addCell(Cell cell, Set<String> carried) {
      Map<String, Integer> vars = new HashMap<>();
      for (String q : carried) {
        if (quantities.contains(q)) {
          vars.put(q, lp.newVariable());
        }
      }
      cellsByDay.computeIfAbsent(cell.day(), d -> new ArrayList<>()).add(cells.size());
      cells.add(cell);
      cellVars.add(vars);
      return vars;
    }

    private void applyAtomRules(Map<String, Integer> vars) {
      for (AtomRule rule : ATOM_RULES) {
        Integer rhs = vars.get(rule.rhs());
        Expr lhs = new Expr();
        rule.lhs().stream().map(vars::get).filter(v -> v != null).forEach(v -> lhs.add(v, 1));
        if (rhs != null && !lhs.terms.isEmpty()) {
          lp.atMost(lhs, Expr.variable(rhs), "atom rule " + rule.lhs() + " <= " + rule.rhs());
        }
      }
    }

    /** Members of a table's day rows on day d; ANY when the client has no rows of the table. */
    private List<String> dayMembers(String table, String member, LocalDate d) {
      if (!tables.contains(table)) {
        return List.of(ANY);
      }
      return byGroup.getOrDefault(groupKey(table, DAY, d), List.of()).stream()
          .map(r -> r.members().get(member))
          .distinct()
          .toList();
    }

    private List<String> campaignsOn(LocalDate d) {
      if (!tables.contains(CAMPAIGN) && tables.contains(TEMPLATE)) {
        return templateRowsAround(d).stream()
            .map(r -> r.members().get("campaign"))
            .distinct()
            .toList();
      }
      return dayMembers(CAMPAIGN, "campaign", d);
    }

    private List<String> numbersOn(LocalDate d) {
      if (!tables.contains(NUMBER)) {
        return dayMembers(CONVERSATIONS, "phone_number_id", d);
      }
      return dayMembers(NUMBER, "phone_number_id", d);
    }

    private List<String> categoriesOn(String number, LocalDate d) {
      if (!tables.contains(CONVERSATIONS)) {
        return List.of(ANY);
      }
      return byGroup.getOrDefault(groupKey(CONVERSATIONS, DAY, d), List.of()).stream()
          .filter(r -> ANY.equals(number) || eq(r.members().get("phone_number_id"), number))
          .map(r -> r.members().get("pricing_category"))
          .distinct()
          .toList();
    }

    /** Templates with a row for d's week or month: only they can have messages on d. */
    private List<String> templatesOf(String campaign, LocalDate d) {
      if (!tables.contains(TEMPLATE)) {
        return List.of(ANY);
      }
      return templateRowsAround(d).stream()
          .filter(r -> ANY.equals(campaign) || eq(r.members().get("campaign"), campaign))
          .map(r -> r.members().get("template"))
          .distinct()
          .toList();
    }

    private List<Row> templateRowsAround(LocalDate d) {
      List<Row> found = new ArrayList<>();
      found.addAll(byGroup.getOrDefault(groupKey(TEMPLATE, WEEK, weekOf(d)), List.of()));
      found.addAll(byGroup.getOrDefault(groupKey(TEMPLATE, MONTH, d.withDayOfMonth(1)), List.of()));
      return found;
    }

    /** Sessions (service rows only) and ad referrals are their own day rows' unknowns. */
    private void buildDayRowAtoms() {
      for (Row r : rows) {
        if (!r.period().equals(DAY)) {
          continue;
        }
        Map<String, Integer> vars = new HashMap<>();
        if (r.table().equals(ADS)) {
          AD_QUANTITIES.stream()
              .filter(quantities::contains)
              .forEach(q -> vars.put(q, lp.newVariable()));
          applyAtomRules(vars);
        } else if (r.table().equals(CONVERSATIONS)
            && SERVICE.equals(r.members().get("pricing_category"))
            && quantities.contains("sessions")) {
          vars.put("sessions", lp.newVariable());
        }
        if (!vars.isEmpty()) {
          dayRowVars.put(r, vars);
        }
      }
    }

    // --- figures as sums of atoms (or cells)

    /** A row's quantity: the sum of the cells (or own day rows) within its members and period. */
    Expr expr(Row r, String quantity) {
      Expr e = new Expr();
      boolean ownDayRows = r.table().equals(ADS) || quantity.equals("sessions");
      Kind kind = carrier(r.table(), quantity);
      for (LocalDate d = r.periodStart();
          !d.isAfter(periodEnd(r.period(), r.periodStart()));
          d = d.plusDays(1)) {
        if (ownDayRows) {
          Row day = byKey.get(key(r.table(), r.members(), DAY, d, ""));
          Integer v = day == null ? null : dayRowVars.getOrDefault(day, Map.of()).get(quantity);
          if (v != null) {
            e.add(v, 1);
          }
          continue;
        }
        for (int i : cellsByDay.getOrDefault(d, List.of())) {
          Integer v = cellVars.get(i).get(quantity);
          if (v != null && cells.get(i).kind() == kind && within(cells.get(i), r)) {
            e.add(v, 1);
          }
        }
      }
      return e;
    }

    /** The kind of cell that carries a table's quantity. */
    private Kind carrier(String table, String quantity) {
      if (formulation == Formulation.ATOMS) {
        return Kind.ATOM;
      }
      boolean campaignSide = table.equals(CAMPAIGN) || table.equals(TEMPLATE);
      return switch (quantity) {
        case "cost" -> campaignSide ? Kind.COST_CT : Kind.COST_NP;
        case "revenue" -> campaignSide ? Kind.REV_CT : Kind.REV_N;
        default -> table.equals(CONVERSATIONS) ? Kind.SPLIT : Kind.MAIN;
      };
    }

    /** The cell lies within the row's members (the carrier has every dimension the row names). */
    private static boolean within(Cell c, Row r) {
      for (Map.Entry<String, String> m : r.members().entrySet()) {
        String dimension =
            switch (m.getKey()) {
              case "campaign" -> c.campaign();
              case "template" -> c.template();
              case "phone_number_id" -> c.number();
              case "pricing_category" -> c.category();
              default -> throw new IllegalArgumentException("unknown member " + m.getKey());
            };
        if (!eq(dimension, m.getValue())) {
          return false;
        }
      }
      return true;
    }

    private void publish() {
      for (Row r : rows) {
        r.figures()
            .forEach(
                (figure, value) -> {
                  Spec spec = FIGURES.get(r.table()).get(figure);
                  if (value != null && spec != null && spec.quantity() != null) {
                    lp.equal(
                        expr(r, spec.quantity()), value, rowKey(r) + " " + figure + " = " + value);
                  }
                });
      }
    }

    List<Target> targets(Set<String> sensitiveKeys) {
      List<Target> targets = new ArrayList<>();
      for (Row r : rows) {
        FIGURES
            .get(r.table())
            .forEach(
                (figure, spec) -> {
                  boolean withheld =
                      r.figures().containsKey(figure) && r.figures().get(figure) == null;
                  boolean sensitive =
                      sensitiveKeys == null
                          || sensitiveKeys.contains(
                              key(
                                  r.table(),
                                  r.members(),
                                  r.period(),
                                  r.periodStart(),
                                  spec.family()));
                  if (withheld && spec.quantity() != null && sensitive) {
                    targets.add(new Target(r, figure, expr(r, spec.quantity())));
                  }
                });
      }
      return targets;
    }

    // --- people as bounds

    /** A row's distinct people: the published value, else an unknown of the programme. */
    private Expr people(Row r) {
      return people.computeIfAbsent(
          r,
          row -> {
            Double u = row.figures().get(USERS);
            if (u != null) {
              return Expr.constant(u);
            }
            return Expr.variable(lp.newVariable());
          });
    }

    private void boundPeople() {
      for (Row r : rows) {
        peopleWithinRow(r);
        peopleOverDays(r);
        if (r.table().equals(TEMPLATE)) {
          Map<String, String> members =
              Collections.singletonMap("campaign", r.members().get("campaign"));
          Row campaign = byKey.get(key(CAMPAIGN, members, r.period(), r.periodStart(), ""));
          if (campaign != null) {
            lp.atMost(people(r), people(campaign), "template users <= campaign users " + rowKey(r));
          }
        }
      }
      Set<String> periods = new TreeSet<>();
      rows.forEach(r -> periods.add(r.period() + "|" + r.periodStart()));
      for (String p : periods) {
        String[] parts = p.split("\\|");
        LocalDate start = LocalDate.parse(parts[1]);
        List<Row> campaigns = group(CAMPAIGN, parts[0], start);
        List<Row> templates = group(TEMPLATE, parts[0], start);
        List<Row> numbers = group(NUMBER, parts[0], start);
        List<Row> conversations = group(CONVERSATIONS, parts[0], start);
        campaignsWithinTemplates(campaigns, templates);
        eachWithinAll(campaigns, numbers, "campaign users <= all numbers' users");
        eachWithinAll(numbers, campaigns, "number users <= all campaigns' users");
        numbersAndCategories(numbers, conversations);
      }
    }

    private List<Row> group(String table, String period, LocalDate start) {
      return byGroup.getOrDefault(groupKey(table, period, start), List.of());
    }

    /**
     * People never outnumber their messages (funnels, non-service categories) or arrivals (ads).
     */
    private void peopleWithinRow(Row r) {
      boolean service = SERVICE.equals(r.members().get("pricing_category"));
      String quantity =
          FUNNELS.contains(r.table()) || (r.table().equals(CONVERSATIONS) && !service)
              ? "sent"
              : r.table().equals(ADS) ? "ad_started" : null;
      if (quantity != null) {
        lp.atMost(people(r), expr(r, quantity), "users <= messages " + rowKey(r));
      }
    }

    /** A week's or month's people: at least each day's, at most all days' together. */
    private void peopleOverDays(Row r) {
      if (r.period().equals(DAY) || r.table().equals(TEMPLATE)) {
        return;
      }
      List<Expr> days = new ArrayList<>();
      for (LocalDate d = r.periodStart();
          !d.isAfter(periodEnd(r.period(), r.periodStart()));
          d = d.plusDays(1)) {
        Row day = byKey.get(key(r.table(), r.members(), DAY, d, ""));
        if (day != null) {
          lp.atMost(people(day), people(r), "day users <= period users " + rowKey(r));
          days.add(people(day));
        }
      }
      if (!days.isEmpty()) {
        lp.atMost(people(r), Expr.sum(days), "period users <= sum of days' " + rowKey(r));
      }
    }

    /** Every recipient of a campaign received one of its templates. */
    private void campaignsWithinTemplates(List<Row> campaigns, List<Row> templates) {
      if (templates.isEmpty()) {
        return; // no template rows for this period (e.g. day rows): nothing to compare
      }
      for (Row c : campaigns) {
        List<Expr> ofCampaign =
            templates.stream()
                .filter(t -> eq(t.members().get("campaign"), c.members().get("campaign")))
                .map(this::people)
                .toList();
        lp.atMost(people(c), Expr.sum(ofCampaign), "campaign users <= its templates' " + rowKey(c));
      }
    }

    /** Each row's people are among the people of all rows of the other split (one client). */
    private void eachWithinAll(List<Row> each, List<Row> all, String what) {
      if (all.isEmpty()) {
        return;
      }
      Expr total = Expr.sum(all.stream().map(this::people).toList());
      for (Row r : each) {
        lp.atMost(people(r), total, what + " " + rowKey(r));
      }
    }

    /**
     * A number's recipients each received a message of some category (the category rows' users
     * include them); a non-service category's users are recipients of that number (the service row
     * also counts people who only opened sessions, so it is not bounded this way).
     */
    private void numbersAndCategories(List<Row> numbers, List<Row> conversations) {
      if (numbers.isEmpty() || conversations.isEmpty()) {
        return;
      }
      for (Row n : numbers) {
        List<Row> categories =
            conversations.stream()
                .filter(
                    c -> eq(c.members().get("phone_number_id"), n.members().get("phone_number_id")))
                .toList();
        if (!categories.isEmpty()) {
          lp.atMost(
              people(n),
              Expr.sum(categories.stream().map(this::people).toList()),
              "number users <= its categories' " + rowKey(n));
        }
        for (Row c : categories) {
          if (!SERVICE.equals(c.members().get("pricing_category"))) {
            lp.atMost(people(c), people(n), "category users <= number users " + rowKey(c));
          }
        }
      }
    }

    private static boolean eq(String a, String b) {
      return a == null ? b == null : a.equals(b);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Solving, with checks

  /** A solver's answer: a solution and the objective it reported, or infeasible, or a failure. */
  private record Outcome(double[] x, double reported, boolean infeasible, String failure) {
    static Outcome failed(String why) {
      return new Outcome(null, Double.NaN, false, why);
    }
  }

  /** Variables and the constraints among them (a connected component: all that can bound them). */
  private record Component(
      String key, int[] vars, List<Constraint> constraints, Map<Integer, Integer> index) {
    Component(String key, int[] vars, List<Constraint> constraints) {
      this(key, vars, constraints, new HashMap<>());
      for (int i = 0; i < vars.length; i++) {
        index.put(vars[i], i);
      }
    }

    /** A variable's position in this component. */
    int local(int variable) {
      return index.get(variable);
    }
  }

  /**
   * One way of solving: commons-math3's simplex (pure Java, on every Spark classpath) with a pivot
   * rule and tolerances, and an iteration limit, since Dantzig's rule can cycle.
   */
  private record Attempt(String name, PivotSelectionRule rule, double epsilon, double cutOff) {
    Outcome solve(Component c, Expr objective, boolean maximise) {
      int n = c.vars().length;
      if (n == 0) {
        return new Outcome(new double[0], objective.constant, false, null); // presolve fixed all
      }
      List<LinearConstraint> constraints = new ArrayList<>();
      for (Constraint k : c.constraints()) {
        double[] row = new double[n];
        for (int j = 0; j < k.vars().length; j++) {
          row[c.local(k.vars()[j])] += k.coefs()[j];
        }
        if (k.lower() == k.upper()) {
          constraints.add(new LinearConstraint(row, Relationship.EQ, k.lower()));
          continue;
        }
        if (!Double.isInfinite(k.lower())) {
          constraints.add(new LinearConstraint(row, Relationship.GEQ, k.lower()));
        }
        if (!Double.isInfinite(k.upper())) {
          constraints.add(new LinearConstraint(row, Relationship.LEQ, k.upper()));
        }
      }
      double[] f = new double[n];
      objective.terms.forEach(
          (v, coef) -> {
            Integer i = c.index().get(v);
            if (i != null) { // else fixed by presolve: not a variable of this programme
              f[i] = coef;
            }
          });
      try {
        PointValuePair p =
            new SimplexSolver(epsilon, 10, cutOff)
                .optimize(
                    new MaxIter(Math.max(100_000, 50 * (n + constraints.size()))),
                    new LinearObjectiveFunction(f, objective.constant),
                    new LinearConstraintSet(constraints),
                    maximise ? GoalType.MAXIMIZE : GoalType.MINIMIZE,
                    new NonNegativeConstraint(true),
                    rule);
        return new Outcome(p.getPoint(), p.getValue(), false, null);
      } catch (NoFeasibleSolutionException e) {
        return new Outcome(null, Double.NaN, true, null);
      } catch (MathIllegalStateException | ArithmeticException e) {
        return Outcome.failed(e.toString());
      }
    }
  }

  private static final class Solver {
    /** Relative tolerance of the witness checks and of presolve. */
    private static final double TOL = 1e-9;

    /**
     * Dantzig's rule first (fast); Bland's rule cannot cycle on degenerate programmes (these are:
     * many equations of unit sums); then a tighter pivot tolerance.
     */
    private static final List<Attempt> ATTEMPTS =
        List.of(
            new Attempt("simplex, Dantzig", PivotSelectionRule.DANTZIG, 1e-6, 1e-10),
            new Attempt("simplex, Bland", PivotSelectionRule.BLAND, 1e-6, 1e-10),
            new Attempt("simplex, Bland, tight", PivotSelectionRule.BLAND, 1e-9, 1e-13));

    final List<String> failures = new ArrayList<>();
    private final int k;
    private final int[] parent;
    private final Map<Integer, List<Constraint>> constraintsByRoot = new HashMap<>();
    private final Map<Integer, List<Integer>> varsByRoot = new HashMap<>();
    private final Map<String, Component> components = new HashMap<>();
    private final Map<String, Presolved> presolved = new HashMap<>();

    /** Verified feasible solutions of each component, in its variables' order. */
    private final Map<String, List<double[]>> witnesses = new HashMap<>();

    Solver(Lp lp, int k) {
      this.k = k;
      parent = new int[lp.variables];
      for (int i = 0; i < parent.length; i++) {
        parent[i] = i;
      }
      for (Constraint c : lp.constraints) {
        for (int v : c.vars()) {
          union(c.vars()[0], v);
        }
      }
      for (int v = 0; v < parent.length; v++) {
        varsByRoot.computeIfAbsent(root(v), r -> new ArrayList<>()).add(v);
      }
      for (Constraint c : lp.constraints) {
        constraintsByRoot.computeIfAbsent(root(c.vars()[0]), r -> new ArrayList<>()).add(c);
      }
    }

    private int root(int v) {
      while (parent[v] != v) {
        parent[v] = parent[parent[v]];
        v = parent[v];
      }
      return v;
    }

    private void union(int a, int b) {
      parent[root(a)] = root(b);
    }

    /** The target's interval, or null (and a listed failure) when no solve could be trusted. */
    Finding interval(Target t) {
      String label = rowKey(t.row()) + " " + t.figure();
      Double min = optimise(t.expr(), null, label);
      Double max = min == null ? null : optimise(t.expr(), capAbove(t.expr(), min), label);
      if (min == null || max == null) {
        return null;
      }
      return rounded(t, min, max);
    }

    /**
     * A finding's interval, confirmed: the simplex can call a point optimal that is not (it did,
     * before duplicate columns were merged), so the attacker asks it once more, differently,
     * whether any solution lies beyond each bound by a step that would change the verdict (the next
     * integer for counts, half the distance to a cent's width for money). A verified solution there
     * widens the interval; none (infeasible) confirms it.
     */
    Finding confirm(Target t, Finding f) {
      String label = rowKey(t.row()) + " " + t.figure() + " (confirming)";
      boolean money = MONEY.contains(t.figure());
      double min = f.min();
      double max = f.max();
      for (int round = 0; round < 5 && Double.isFinite(max); round++) {
        double step = money ? Math.max(1e-6, (0.01 - (max - min)) / 2) : 1 - 1e-6;
        Double above =
            solve(t.expr(), true, max + step, capAbove(t.expr(), min), true, label).value();
        Double below =
            min - step < 0
                ? null
                : solve(t.expr(), false, Double.NEGATIVE_INFINITY, min - step, true, label).value();
        if (above == null && below == null) {
          break;
        }
        max = above == null ? max : above;
        min = below == null ? min : below;
      }
      return rounded(t, min, max);
    }

    /**
     * A bound on a maximisation, so that no solver has to prove unboundedness: far enough above the
     * minimum (2k, and 10 times the largest published value the figure is connected to) that an
     * optimum at the cap means the figure is too wide to disclose, bounded or not (reported as
     * +infinity); near enough to keep the programme well scaled (a cap of the size of all the
     * client's figures made the simplex return infeasible points for cents of cost).
     */
    private double capAbove(Expr objective, double min) {
      double scale = 0;
      for (Constraint c : component(objective).constraints()) {
        scale = Math.max(scale, Math.max(finite(c.lower()), finite(c.upper())));
      }
      return min + Math.max(Math.max(2.0 * k, 1), Math.max(Math.abs(min), 10 * scale));
    }

    /**
     * Counts are integers: their bounds round inwards (kept as they are if rounding would cross).
     */
    private static Finding rounded(Target t, double min, double max) {
      Row r = t.row();
      if (!MONEY.contains(t.figure())) {
        double lo = Math.ceil(min - 1e-6 * Math.max(1, Math.abs(min)));
        double hi = Math.floor(max + 1e-6 * Math.max(1, Math.abs(max)));
        if (lo <= hi) {
          min = lo;
          max = hi;
        }
      }
      return new Finding(r.table(), r.members(), r.period(), r.periodStart(), t.figure(), min, max);
    }

    /**
     * The range the witnesses found so far give the target: inside its interval, so an interval at
     * least this wide. Null without witnesses.
     */
    Finding witnessedRange(Target t) {
      if (t.expr().terms.isEmpty()) {
        return null;
      }
      Component c = component(t.expr());
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] x : witnesses.getOrDefault(c.key(), List.of())) {
        double v = evaluate(t.expr(), c, x);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      return lo > hi ? null : rounded(t, lo, hi);
    }

    /**
     * Witnesses that spread the targets apart: per component, a solution maximising and one
     * minimising the sum of its targets.
     */
    void seedWitnesses(List<Target> targets) {
      Map<String, Expr> sums = new LinkedHashMap<>();
      for (Target t : targets) {
        if (!t.expr().terms.isEmpty()) {
          sums.merge(component(t.expr()).key(), t.expr(), (a, b) -> a.plus(b, 1));
        }
      }
      sums.forEach(
          (key, sum) -> {
            Double min = optimise(sum, null, "witnesses of " + key);
            if (min != null) {
              optimise(sum, capAbove(sum, min), "witnesses of " + key);
            }
          });
    }

    /**
     * The minimum of the objective, or its maximum up to {@code cap}; null when no solve is
     * trusted.
     */
    private Double optimise(Expr objective, Double cap, String label) {
      if (objective.terms.isEmpty()) {
        return objective.constant; // no atom can carry it: 0
      }
      boolean maximise = cap != null;
      double upper = maximise ? cap : Double.POSITIVE_INFINITY;
      Optimum o = solve(objective, maximise, Double.NEGATIVE_INFINITY, upper, false, label);
      if (o.infeasible()) {
        throw new IllegalStateException(
            "published rows contradict the attacker's model (no solve found a feasible point): "
                + label);
      }
      if (o.value() == null || !maximise) {
        return o.value();
      }
      return o.value() >= cap - 1e-9 * Math.abs(cap) ? Double.POSITIVE_INFINITY : o.value();
    }

    /** A verified optimum, or infeasible (every attempt says so), or neither (a listed failure). */
    private record Optimum(Double value, boolean infeasible) {}

    /**
     * Optimises the objective with lower &lt;= objective &lt;= upper; every optimum verified. An
     * infeasible verdict is retried like a failure, unless {@code expectInfeasible} (a probe).
     */
    private Optimum solve(
        Expr objective,
        boolean maximise,
        double lower,
        double upper,
        boolean expectInfeasible,
        String label) {
      Component c = component(objective);
      Presolved p = presolved.computeIfAbsent(c.key(), k -> presolve(c));
      if (p.contradiction() != null) {
        throw new IllegalStateException(
            "published rows contradict the attacker's model: "
                + p.contradiction()
                + " ("
                + label
                + ")");
      }
      if (p.fixes(c, objective)) {
        // Presolve pinned it: out of bounds is infeasible, else one feasible point will do.
        double v = objective.constant + p.fixedPart(c, objective);
        double tol = TOL * Math.max(1, Math.max(finite(lower), finite(upper)));
        if (v < lower - tol || v > upper + tol) {
          return new Optimum(null, true);
        }
      }
      Merged merged = Merged.of(p.reduced(c, objective, lower, upper), objective, maximise);
      List<String> reasons = new ArrayList<>();
      for (Attempt a : ATTEMPTS) {
        Outcome o = a.solve(merged.lp(), merged.objective(), maximise);
        if (o.infeasible() && expectInfeasible) {
          return new Optimum(null, true);
        }
        if (o.infeasible()) {
          reasons.add(a.name() + ": infeasible");
          continue;
        }
        double[] x = o.x() == null ? null : p.complete(c, merged.expand(o.x()));
        String wrong =
            x == null
                ? o.failure()
                : check(c, objective, lower, upper, x, o.reported() + p.fixedPart(c, objective));
        if (wrong == null) {
          witnesses.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(x);
          return new Optimum(evaluate(objective, c, x), false);
        }
        reasons.add(a.name() + ": " + wrong);
      }
      if (reasons.stream().allMatch(r -> r.endsWith(": infeasible"))) {
        return new Optimum(null, true);
      }
      failures.add(label + (maximise ? " max" : " min") + ": " + reasons);
      return new Optimum(null, false);
    }

    /** The variables and constraints connected to the objective's variables. */
    private Component component(Expr objective) {
      Set<Integer> roots = new TreeSet<>();
      objective.terms.keySet().forEach(v -> roots.add(root(v)));
      String key = roots.toString();
      return components.computeIfAbsent(
          key,
          k -> {
            List<Integer> vars = new ArrayList<>();
            List<Constraint> constraints = new ArrayList<>();
            for (int r : roots) {
              vars.addAll(varsByRoot.get(r));
              constraints.addAll(constraintsByRoot.getOrDefault(r, List.of()));
            }
            return new Component(
                key, vars.stream().mapToInt(Integer::intValue).toArray(), constraints);
          });
    }

    /**
     * Variables every feasible solution gives the same value: an equation of one free variable, or
     * free variables of one sign whose sum is bounded by 0. Repeated until nothing changes; the
     * solvers then see only the rest, and every witness is checked against the whole.
     */
    private static Presolved presolve(Component c) {
      double[] fixed = new double[c.vars().length];
      java.util.Arrays.fill(fixed, Double.NaN);
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Constraint k : c.constraints()) {
          changed |= fix(c, k, fixed);
        }
      }
      for (Constraint k : c.constraints()) {
        double sum = 0;
        boolean allFixed = true;
        for (int j = 0; j < k.vars().length; j++) {
          double v = fixed[c.local(k.vars()[j])];
          allFixed &= !Double.isNaN(v);
          sum += k.coefs()[j] * (Double.isNaN(v) ? 0 : v);
        }
        double tol = TOL * Math.max(1, Math.max(finite(k.lower()), finite(k.upper())));
        if (allFixed && (sum < k.lower() - tol || sum > k.upper() + tol)) {
          return new Presolved(
              fixed, k.what() + ": " + k.lower() + " <= " + sum + " <= " + k.upper());
        }
      }
      return new Presolved(fixed, null);
    }

    private static boolean fix(Component c, Constraint k, double[] fixed) {
      double sum = 0;
      List<Integer> free = new ArrayList<>();
      boolean positive = true;
      boolean negative = true;
      for (int j = 0; j < k.vars().length; j++) {
        double v = fixed[c.local(k.vars()[j])];
        if (Double.isNaN(v)) {
          free.add(j);
          positive &= k.coefs()[j] > 0;
          negative &= k.coefs()[j] < 0;
        } else {
          sum += k.coefs()[j] * v;
        }
      }
      if (free.isEmpty()) {
        return false;
      }
      double lo = k.lower() - sum;
      double hi = k.upper() - sum;
      double tol = TOL * Math.max(1, Math.max(finite(k.lower()), finite(k.upper())));
      if (free.size() == 1 && k.lower() == k.upper()) {
        int j = free.get(0);
        double v = lo / k.coefs()[j];
        if (v < -tol) {
          return false; // infeasible: left to the solvers to report
        }
        fixed[c.local(k.vars()[j])] = Math.max(0, v);
        return true;
      }
      boolean zero = (positive && Math.abs(hi) <= tol) || (negative && Math.abs(lo) <= tol);
      if (zero) {
        free.forEach(j -> fixed[c.local(k.vars()[j])] = 0);
      }
      return zero;
    }

    /** Why x is not a witness of the reported optimum, or null when it is. */
    private static String check(
        Component c, Expr objective, double lower, double upper, double[] x, double reported) {
      for (double v : x) {
        if (!(v >= -TOL)) {
          return "negative variable " + v;
        }
      }
      for (Constraint k : c.constraints()) {
        String violated = violated(c, k, x);
        if (violated != null) {
          return violated;
        }
      }
      double value = evaluate(objective, c, x);
      double tol = TOL * Math.max(1, Math.max(finite(lower), finite(upper)));
      if (value < lower - tol || value > upper + tol) {
        return "objective " + value + " outside " + lower + ", " + upper;
      }
      if (Math.abs(value - reported) > 10 * TOL * Math.max(1, Math.abs(value))) {
        return "reported " + reported + " but the solution gives " + value;
      }
      return null;
    }

    private static String violated(Component c, Constraint k, double[] x) {
      double sum = 0;
      double magnitude = 1;
      for (int j = 0; j < k.vars().length; j++) {
        double term = k.coefs()[j] * x[c.local(k.vars()[j])];
        sum += term;
        magnitude += Math.abs(term);
      }
      double tol = TOL * Math.max(magnitude, Math.max(finite(k.lower()), finite(k.upper())));
      if (sum < k.lower() - tol || sum > k.upper() + tol) {
        return "violates " + k.what() + ": " + k.lower() + " <= " + sum + " <= " + k.upper();
      }
      return null;
    }

    private static double finite(double bound) {
      return Double.isInfinite(bound) ? 0 : Math.abs(bound);
    }

    private static double evaluate(Expr objective, Component c, double[] x) {
      double value = objective.constant;
      for (Map.Entry<Integer, Double> t : objective.terms.entrySet()) {
        value += t.getValue() * x[c.local(t.getKey())];
      }
      return value;
    }
  }

  /**
   * A programme with each set of identical columns (variables in the same constraints with the same
   * coefficients, e.g. cells no published row tells apart) reduced to one variable: the programme
   * only sees their sum, which the member with the best objective coefficient carries. Exact,
   * smaller, and necessary: commons-math3's simplex returns points that violate constraints when a
   * programme has duplicate columns.
   */
  private record Merged(Component lp, Expr objective, Component from, int[] carrier) {
    static Merged of(Component c, Expr objective, boolean maximise) {
      List<StringBuilder> columns = new ArrayList<>();
      for (int i = 0; i < c.vars().length; i++) {
        columns.add(new StringBuilder());
      }
      for (int i = 0; i < c.constraints().size(); i++) {
        Constraint k = c.constraints().get(i);
        for (int j = 0; j < k.vars().length; j++) {
          columns.get(c.local(k.vars()[j])).append(i).append(':').append(k.coefs()[j]).append(';');
        }
      }
      Map<String, Integer> carrierOfColumn = new HashMap<>();
      int[] carrier = new int[c.vars().length];
      for (int i = 0; i < carrier.length; i++) {
        int first =
            carrierOfColumn.computeIfAbsent(columns.get(i).toString(), col -> carrier.length);
        double coef = objective.terms.getOrDefault(c.vars()[i], 0.0);
        boolean better =
            first == carrier.length
                || (maximise
                    ? coef > objective.terms.getOrDefault(c.vars()[first], 0.0)
                    : coef < objective.terms.getOrDefault(c.vars()[first], 0.0));
        if (better) {
          carrierOfColumn.put(columns.get(i).toString(), i);
        }
      }
      for (int i = 0; i < carrier.length; i++) {
        carrier[i] = carrierOfColumn.get(columns.get(i).toString());
      }
      Set<Integer> kept = new TreeSet<>();
      for (int i = 0; i < carrier.length; i++) {
        if (carrier[i] == i) {
          kept.add(c.vars()[i]);
        }
      }
      List<Constraint> constraints = new ArrayList<>();
      for (Constraint k : c.constraints()) {
        List<Integer> vars = new ArrayList<>();
        List<Double> coefs = new ArrayList<>();
        for (int j = 0; j < k.vars().length; j++) {
          if (kept.contains(k.vars()[j])) {
            vars.add(k.vars()[j]);
            coefs.add(k.coefs()[j]);
          }
        }
        constraints.add(
            new Constraint(
                vars.stream().mapToInt(Integer::intValue).toArray(),
                coefs.stream().mapToDouble(Double::doubleValue).toArray(),
                k.lower(),
                k.upper(),
                k.what()));
      }
      Expr mergedObjective = Expr.constant(objective.constant);
      objective.terms.forEach(
          (v, coef) -> {
            if (kept.contains(v)) {
              mergedObjective.add(v, coef);
            }
          });
      Component lp =
          new Component(
              c.key() + " merged",
              kept.stream().mapToInt(Integer::intValue).toArray(),
              constraints);
      return new Merged(lp, mergedObjective, c, carrier);
    }

    /** The solution of {@code from}: each set's sum on its carrier, 0 on the others. */
    double[] expand(double[] x) {
      double[] full = new double[carrier.length];
      for (int i = 0; i < carrier.length; i++) {
        full[i] = carrier[i] == i ? x[lp.local(from.vars()[i])] : 0;
      }
      return full;
    }
  }

  /** A component's variables fixed by presolve (NaN: free), or the contradiction it met. */
  private record Presolved(double[] fixed, String contradiction) {
    /** The programme over the free variables, the fixed ones moved into the bounds. */
    Component reduced(Component c, Expr objective, double lower, double upper) {
      List<Integer> free = new ArrayList<>();
      for (int i = 0; i < fixed.length; i++) {
        if (Double.isNaN(fixed[i])) {
          free.add(c.vars()[i]);
        }
      }
      List<Constraint> constraints = new ArrayList<>();
      for (Constraint k : c.constraints()) {
        Constraint r = reduce(c, k);
        if (r != null) {
          constraints.add(r);
        }
      }
      if (Double.isFinite(lower) || Double.isFinite(upper)) {
        Constraint bound =
            reduce(
                c,
                new Constraint(
                    objective.terms.keySet().stream().mapToInt(Integer::intValue).toArray(),
                    objective.terms.values().stream().mapToDouble(Double::doubleValue).toArray(),
                    lower - objective.constant,
                    upper - objective.constant,
                    "bound on the objective"));
        if (bound != null) {
          constraints.add(bound);
        }
      }
      return new Component(
          c.key() + " reduced", free.stream().mapToInt(Integer::intValue).toArray(), constraints);
    }

    private Constraint reduce(Component c, Constraint k) {
      List<Integer> vars = new ArrayList<>();
      List<Double> coefs = new ArrayList<>();
      double sum = 0;
      for (int j = 0; j < k.vars().length; j++) {
        double v = fixed[c.local(k.vars()[j])];
        if (Double.isNaN(v)) {
          vars.add(k.vars()[j]);
          coefs.add(k.coefs()[j]);
        } else {
          sum += k.coefs()[j] * v;
        }
      }
      if (vars.isEmpty()) {
        return null; // checked by presolve (and again on every witness)
      }
      return new Constraint(
          vars.stream().mapToInt(Integer::intValue).toArray(),
          coefs.stream().mapToDouble(Double::doubleValue).toArray(),
          k.lower() - sum,
          k.upper() - sum,
          k.what());
    }

    /** Whether presolve fixed every variable of the objective. */
    boolean fixes(Component c, Expr objective) {
      return objective.terms.keySet().stream().noneMatch(v -> Double.isNaN(fixed[c.local(v)]));
    }

    /** The objective's terms over fixed variables, which the reduced programme leaves out. */
    double fixedPart(Component c, Expr objective) {
      double sum = 0;
      for (Map.Entry<Integer, Double> t : objective.terms.entrySet()) {
        double v = fixed[c.local(t.getKey())];
        sum += Double.isNaN(v) ? 0 : t.getValue() * v;
      }
      return sum;
    }

    /** The component's solution from the reduced programme's. */
    double[] complete(Component c, double[] reducedSolution) {
      double[] x = fixed.clone();
      int next = 0;
      for (int i = 0; i < x.length; i++) {
        if (Double.isNaN(x[i])) {
          x[i] = reducedSolution[next++];
        }
      }
      return x;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading a lake

  /**
   * The published rows of every client of a lake's gold tables (tables that do not exist are
   * skipped). A null figure is withheld when the row's {@code withheld} column names it (or when
   * there is no such column); a null it does not name (money in mixed currencies) is left out, as
   * unknown. Money sums only within one currency: a client whose rows carry more than one currency
   * for revenue (or cost) has that figure left out of all its rows, which the attacker then cannot
   * target (a limitation, documented rather than guessed around).
   */
  public static Map<String, List<Row>> readLake(SparkSession spark, String lakeRoot) {
    Map<String, List<Row>> byClient = new TreeMap<>();
    Map<String, Map<String, Set<String>>> currencies = new HashMap<>();
    for (String table : TABLES) {
      String path = lakeRoot + "/gold/" + table;
      if (!DeltaTable.isDeltaTable(spark, path)) {
        continue;
      }
      for (org.apache.spark.sql.Row r : spark.read().format("delta").load(path).collectAsList()) {
        String client = r.getAs("client");
        byClient.computeIfAbsent(client, c -> new ArrayList<>()).add(toRow(table, r));
        noteCurrencies(r, currencies.computeIfAbsent(client, c -> new HashMap<>()));
      }
    }
    byClient.replaceAll((client, rows) -> withoutMixedMoney(rows, currencies.get(client)));
    return byClient;
  }

  private static Row toRow(String table, org.apache.spark.sql.Row r) {
    Set<String> columns = Set.of(r.schema().fieldNames());
    Map<String, String> members = new LinkedHashMap<>();
    for (String m : MEMBERS.get(table)) {
      Object v = r.get(r.fieldIndex(m));
      members.put(m, v == null ? null : v.toString());
    }
    List<String> withheld =
        columns.contains("withheld") && !r.isNullAt(r.fieldIndex("withheld"))
            ? r.getList(r.fieldIndex("withheld"))
            : null;
    Map<String, Double> figures = new LinkedHashMap<>();
    for (String f : FIGURES.get(table).keySet()) {
      if (!columns.contains(f)) {
        continue;
      }
      Object v = r.get(r.fieldIndex(f));
      if (v != null) {
        figures.put(f, ((Number) v).doubleValue());
      } else if (withheld == null || withheld.contains(f)) {
        figures.put(f, null);
      }
    }
    return new Row(
        table, members, r.getAs("period"), localDate(r.get(r.fieldIndex("period_start"))), figures);
  }

  private static LocalDate localDate(Object v) {
    return v instanceof LocalDate d ? d : ((java.sql.Date) v).toLocalDate();
  }

  private static void noteCurrencies(org.apache.spark.sql.Row r, Map<String, Set<String>> into) {
    for (String money : MONEY) {
      String column = money + "_currency";
      if (List.of(r.schema().fieldNames()).contains(column) && !r.isNullAt(r.fieldIndex(column))) {
        into.computeIfAbsent(money, m -> new HashSet<>()).add(r.getAs(column));
      }
    }
  }

  private static List<Row> withoutMixedMoney(List<Row> rows, Map<String, Set<String>> currencies) {
    Set<String> mixed = new HashSet<>();
    currencies.forEach(
        (money, seen) -> {
          if (seen.size() > 1) {
            mixed.add(money);
          }
        });
    if (mixed.isEmpty()) {
      return rows;
    }
    List<Row> cleaned = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Double> figures = new LinkedHashMap<>(r.figures());
      figures.keySet().removeAll(mixed);
      cleaned.add(new Row(r.table(), r.members(), r.period(), r.periodStart(), figures));
    }
    return cleaned;
  }
}

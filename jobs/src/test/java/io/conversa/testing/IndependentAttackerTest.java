package io.conversa.testing;

import static io.conversa.testing.IndependentAttacker.ADS;
import static io.conversa.testing.IndependentAttacker.CAMPAIGN;
import static io.conversa.testing.IndependentAttacker.CONVERSATIONS;
import static io.conversa.testing.IndependentAttacker.NUMBER;
import static io.conversa.testing.IndependentAttacker.TEMPLATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conversa.testing.IndependentAttacker.Finding;
import io.conversa.testing.IndependentAttacker.Formulation;
import io.conversa.testing.IndependentAttacker.Report;
import io.conversa.testing.IndependentAttacker.Row;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent attacker on hand-made published gold whose intervals are worked out by hand in
 * the comments (k = 5 throughout, W is the ISO week of Monday MON, rows not listed do not exist),
 * then on random worlds against their truth and against the atom formulation, and on a lake.
 */
class IndependentAttackerTest {
  private static final int K = 5;
  private static final LocalDate MON = LocalDate.of(2024, 3, 4);
  private static final LocalDate TUE = MON.plusDays(1);
  private static final double EXACT = 1e-9;

  // (a) -------------------------------------------------------------------------------------------

  @Test
  void aNumberTotalPinsTheOtherCampaign() {
    // One number N, campaigns A and B, one day MON (so the week rows equal the day rows).
    // Atoms: a = (N, A, MON), b = (N, B, MON). A's day sent a = 20, N's day a + b = 24, so b = 4;
    // the week rows say the same. B's withheld sent is pinned at 4 in the day and the week.
    List<Row> rows =
        List.of(
            campaign("A", "day", MON, "users", 20, "sent", 20),
            campaign("A", "week", MON, "users", 20, "sent", 20),
            campaign("B", "day", MON, "users", null, "sent", null),
            campaign("B", "week", MON, "users", null, "sent", null),
            number("N", "day", MON, "users", 24, "sent", 24),
            number("N", "week", MON, "users", 24, "sent", 24));

    Report report = analyse(rows, null);

    assertEquals(
        List.of(
            "campaign_funnel|{campaign=B}|day|2024-03-04 sent [4, 4]",
            "campaign_funnel|{campaign=B}|week|2024-03-04 sent [4, 4]"),
        describe(report.findings()));
  }

  // (b) -------------------------------------------------------------------------------------------

  @Test
  void weekRowsPinTheDayWhenTheNumberIsWithheldToo() {
    // As (a), but N's day is withheld and B's week is published: B had data on MON only, so B's day
    // atom b equals B's week, 4. N's day (a + b = 20 + 4 = 24) is pinned too, but it is not
    // sensitive (24 people): with the sensitive set only B's day is reported, with "all withheld
    // families sensitive" N's day as well.
    List<Row> rows =
        List.of(
            campaign("A", "day", MON, "users", 20, "sent", 20),
            campaign("A", "week", MON, "users", 20, "sent", 20),
            campaign("B", "day", MON, "users", null, "sent", null),
            campaign("B", "week", MON, "users", 4, "sent", 4),
            number("N", "day", MON, "users", null, "sent", null),
            number("N", "week", MON, "users", 24, "sent", 24));
    Set<String> sensitive = Set.of(recipients(CAMPAIGN, Map.of("campaign", "B"), "day", MON));

    assertEquals(
        List.of("campaign_funnel|{campaign=B}|day|2024-03-04 sent [4, 4]"),
        describe(analyse(rows, sensitive).findings()));
    assertEquals(
        List.of(
            "campaign_funnel|{campaign=B}|day|2024-03-04 sent [4, 4]",
            "number_funnel|{phone_number_id=N}|day|2024-03-04 sent [24, 24]"),
        describe(analyse(rows, null).findings()));
  }

  // (c) -------------------------------------------------------------------------------------------

  @Test
  void aSafeReleaseHasNoFinding() {
    // A third campaign C (30 people) is withheld with B and N's day. The week total of N is 54 and
    // A's 20, so b + c = 34 and nothing else separates b from c: b in [0, 34], in the day and in
    // the week (one day of data). People do not help: N's 54 users <= 20 + users(B) + users(C)
    // only says users(B) + users(C) >= 34, which b + c = 34 already allows with any split.
    List<Row> rows =
        List.of(
            campaign("A", "day", MON, "users", 20, "sent", 20),
            campaign("A", "week", MON, "users", 20, "sent", 20),
            campaign("B", "day", MON, "users", null, "sent", null),
            campaign("B", "week", MON, "users", null, "sent", null),
            campaign("C", "day", MON, "users", null, "sent", null),
            campaign("C", "week", MON, "users", null, "sent", null),
            number("N", "day", MON, "users", null, "sent", null),
            number("N", "week", MON, "users", 54, "sent", 54));
    Set<String> sensitive =
        Set.of(
            recipients(CAMPAIGN, Map.of("campaign", "B"), "day", MON),
            recipients(CAMPAIGN, Map.of("campaign", "B"), "week", MON));

    Report report = analyse(rows, sensitive);

    assertEquals(List.of(), report.findings());
    assertInterval(report, CAMPAIGN, Map.of("campaign", "B"), "day", MON, "sent", 0, 34);
    assertInterval(report, CAMPAIGN, Map.of("campaign", "B"), "week", MON, "sent", 0, 34);
  }

  // (d) -------------------------------------------------------------------------------------------

  @Test
  void peopleAsBoundsNarrowAWithheldCount() {
    // One number N, campaigns A and B, days MON and TUE of week W. The truth:
    //   MON: A sends 36 messages to a1..a6 (6 people), B 4 messages to b1..b4 (4);
    //   TUE: A sends 10 messages to a1, a2 (2), B 2 messages to b1, b5 (2).
    // Published: A's week (6 users, 46 sent), B's week (5, 6), N's MON (10, 40), TUE (4, 12) and
    // week (11, 52); all four campaign day rows are withheld (A's MON, 6 people, complementarily).
    // Atoms a1, b1 (MON), a2, b2 (TUE):
    //   a1 + a2 = 46, b1 + b2 = 6, a1 + b1 = 40, a2 + b2 = 12 (the week of N adds nothing)
    //   so with t = b1: a1 = 40 - t, a2 = 6 + t, b2 = 6 - t, and t in [0, 6] by non-negativity.
    // Counts alone: b1 in [0, 6], b2 in [0, 6], a2 in [6, 12]; widths 6 >= k, no finding.
    // People: users(A, MON) <= users(A, W) = 6 (a day's people are among its week's), and
    // users(N, MON) = 10 <= users(A, MON) + users(B, MON) (N's recipients each got a campaign's
    // message), so users(B, MON) >= 4, and b1 >= users(B, MON) >= 4. Nothing holds t below 6
    // (t = 6: users(B, MON) = 5, users(B, TUE) = 0, users(A, TUE) = 4 satisfy every relation).
    //   b1 in [4, 6], b2 = 6 - t in [0, 2], a2 = 6 + t in [10, 12]: widths 2 < k, findings.
    List<Row> rows =
        List.of(
            campaign("A", "day", MON, "users", null, "sent", null),
            campaign("A", "day", TUE, "users", null, "sent", null),
            campaign("B", "day", MON, "users", null, "sent", null),
            campaign("B", "day", TUE, "users", null, "sent", null),
            campaign("A", "week", MON, "users", 6, "sent", 46),
            campaign("B", "week", MON, "users", 5, "sent", 6),
            number("N", "day", MON, "users", 10, "sent", 40),
            number("N", "day", TUE, "users", 4, "sent", 12),
            number("N", "week", MON, "users", 11, "sent", 52));
    Set<String> sensitive =
        Set.of(
            recipients(CAMPAIGN, Map.of("campaign", "B"), "day", MON),
            recipients(CAMPAIGN, Map.of("campaign", "B"), "day", TUE),
            recipients(CAMPAIGN, Map.of("campaign", "A"), "day", TUE));

    Report withPeople = analyse(rows, sensitive);
    Report countsOnly = analyse(withoutUsers(rows), sensitive);

    assertEquals(
        List.of(
            "campaign_funnel|{campaign=A}|day|2024-03-05 sent [10, 12]",
            "campaign_funnel|{campaign=B}|day|2024-03-04 sent [4, 6]",
            "campaign_funnel|{campaign=B}|day|2024-03-05 sent [0, 2]"),
        describe(withPeople.findings()).stream().sorted().toList());
    assertEquals(List.of(), countsOnly.findings());
    assertInterval(countsOnly, CAMPAIGN, Map.of("campaign", "B"), "day", MON, "sent", 0, 6);
    assertInterval(countsOnly, CAMPAIGN, Map.of("campaign", "B"), "day", TUE, "sent", 0, 6);
    assertInterval(countsOnly, CAMPAIGN, Map.of("campaign", "A"), "day", TUE, "sent", 6, 12);
  }

  // (e) -------------------------------------------------------------------------------------------

  @Test
  void moneyIsPinnedToTheCent() {
    // One number N, campaigns A and B on MON. B's buyers are withheld; A's and N's published:
    //   converted b = 9 - 7 = 2, conversions 10 - 8 = 2, revenue 163.55 - 123.45 = 40.10.
    // converted is an anchor (width 0 < k), conversions pinned exactly, revenue to the cent.
    List<Row> rows =
        List.of(
            campaign("A", "day", MON, sales(100, 7, 8, 123.45)),
            campaign("B", "day", MON, sales(10, null, null, null)),
            number("N", "day", MON, sales(110, 9, 10, 163.55)));

    Report report = analyse(rows, Set.of(buyers(Map.of("campaign", "B"))));

    assertEquals(3, report.findings().size(), describe(report.findings()).toString());
    assertInterval(report, CAMPAIGN, Map.of("campaign", "B"), "day", MON, "converted", 2, 2);
    assertInterval(report, CAMPAIGN, Map.of("campaign", "B"), "day", MON, "conversions", 2, 2);
    assertInterval(report, CAMPAIGN, Map.of("campaign", "B"), "day", MON, "revenue", 40.10, 40.10);
  }

  @Test
  void moneySharedWithAnotherWithheldCampaignIsNotPinned() {
    // As above with a campaign C (sent 20) withheld too; N's totals grow by C's 3, 3, 60.00.
    //   converted: b + c = 12 - 7 = 5, each <= its sent (10, 20): b in [0, 5], width 5, not < k;
    //   conversions: b' + c' = 13 - 8 = 5 with b' >= b, c' >= c: b' in [0, 5];
    //   revenue: B's + C's = 223.55 - 123.45 = 100.10: B's in [0, 100.10].
    List<Row> rows =
        List.of(
            campaign("A", "day", MON, sales(100, 7, 8, 123.45)),
            campaign("B", "day", MON, sales(10, null, null, null)),
            campaign("C", "day", MON, sales(20, null, null, null)),
            number("N", "day", MON, sales(130, 12, 13, 223.55)));

    Report report = analyse(rows, Set.of(buyers(Map.of("campaign", "B"))));

    assertEquals(List.of(), report.findings());
    assertInterval(report, CAMPAIGN, Map.of("campaign", "B"), "day", MON, "converted", 0, 5);
    assertInterval(report, CAMPAIGN, Map.of("campaign", "B"), "day", MON, "conversions", 0, 5);
    assertInterval(report, CAMPAIGN, Map.of("campaign", "B"), "day", MON, "revenue", 0, 100.10);
  }

  // templates, conversations, sessions, ads ------------------------------------------------------

  @Test
  void aCampaignsTemplatesAddUpToIt() {
    // Campaign A's week (20 sent) splits into templates T1 (16, published) and T2 (withheld):
    // T2 = 20 - 16 = 4, pinned. Atoms are (N, A, T1, MON) and (N, A, T2, MON).
    List<Row> rows =
        List.of(
            campaign("A", "day", MON, "users", 20, "sent", 20),
            campaign("A", "week", MON, "users", 20, "sent", 20),
            template("A", "T1", "week", MON, "users", 16, "sent", 16),
            template("A", "T2", "week", MON, "users", null, "sent", null),
            number("N", "day", MON, "users", 20, "sent", 20));

    assertEquals(
        List.of("template_funnel|{campaign=A, template=T2}|week|2024-03-04 sent [4, 4]"),
        describe(analyse(rows, null).findings()));
  }

  @Test
  void conversationsAddUpToTheNumberAndSessionsToTheWeek() {
    // N sent 30 on MON (no campaign rows: one unknown campaign and template), 26 of them
    // marketing; the service row is withheld: its messages are 30 - 26 = 4 (day and week, one day
    // of data). Its billable messages are only bounded by its messages, [0, 4]: not pinned. Its
    // cost is 0 because service is free: [0, 0], nothing to disclose. Its sessions equal the
    // week's published 3 (MON is the week's only service day row): pinned.
    List<Row> rows =
        List.of(
            number("N", "day", MON, "users", 12, "sent", 30, "cost", 2.60),
            number("N", "week", MON, "users", 12, "sent", 30, "cost", 2.60),
            conversation("N", "marketing", "day", MON, category(10, 26, 26, 2.60, 0)),
            conversation("N", "service", "day", MON, category(null, null, null, null, null)),
            conversation("N", "marketing", "week", MON, category(10, 26, 26, 2.60, 0)),
            conversation("N", "service", "week", MON, category(null, null, null, null, 3)));
    Map<String, String> service = Map.of("phone_number_id", "N", "pricing_category", "service");

    Report report = analyse(rows, null);

    assertEquals(
        List.of(
            "conversations|{phone_number_id=N, pricing_category=service}|day|2024-03-04 messages"
                + " [4, 4]",
            "conversations|{phone_number_id=N, pricing_category=service}|day|2024-03-04 sessions"
                + " [3, 3]",
            "conversations|{phone_number_id=N, pricing_category=service}|week|2024-03-04 messages"
                + " [4, 4]"),
        describe(report.findings()));
    assertInterval(report, CONVERSATIONS, service, "day", MON, "billable_messages", 0, 4);
    assertInterval(report, CONVERSATIONS, service, "day", MON, "cost", 0, 0);
  }

  @Test
  void anAdsWeekMinusItsOtherDayPinsTheDay() {
    // Ad X's week minus its published TUE gives MON: started 13 - 10 = 3, replied 8 - 6 = 2,
    // converted 5 - 4 = 1, revenue 95.00 - 80.00 = 15.00. All pinned, all reported.
    List<Row> rows =
        List.of(
            ad("X", "day", MON, arrivals(null, null, null, null, null)),
            ad("X", "day", TUE, arrivals(9, 10, 6, 4, 80.00)),
            ad("X", "week", MON, arrivals(12, 13, 8, 5, 95.00)));

    assertEquals(
        List.of(
            "ad_referrals|{referral_source_id=X}|day|2024-03-04 conversations_started [3, 3]",
            "ad_referrals|{referral_source_id=X}|day|2024-03-04 replied [2, 2]",
            "ad_referrals|{referral_source_id=X}|day|2024-03-04 converted [1, 1]",
            "ad_referrals|{referral_source_id=X}|day|2024-03-04 revenue [15.00, 15.00]"),
        describe(analyse(rows, null).findings()));
  }

  // the cell formulation against the atoms, and both against the truth --------------------------

  @Test
  void cellsGiveTheAtomsIntervalsAndEveryTrueValueLiesWithin() {
    // Random small worlds of messages (2 numbers, 2 campaigns of 2 templates, 3 categories, two
    // days across a week's and a month's end), their gold rows computed from the messages, and 40%,
    // 60%, 80% of the families withheld at random. The attacker's relations must hold for real
    // data, so every true value lies in its interval; the cell formulation must be the atoms'
    // exact projection, so both give the same intervals; and attack, which skips the figures that
    // solutions already found show wide, must find what analysing every figure finds.
    int notPinned = 0;
    for (long seed = 1; seed <= 3; seed++) {
      World world = World.random(seed, SMALL_WORLD, 0.2 + 0.2 * seed);
      Report cells = IndependentAttacker.analyse(world.published, null, K, true, Formulation.CELLS);
      Report atoms = IndependentAttacker.analyse(world.published, null, K, true, Formulation.ATOMS);

      assertEquals(List.of(), atoms.solverFailures());
      assertEquals(List.of(), cells.solverFailures());
      assertEquals(describe(atoms.intervals()), describe(cells.intervals()), "seed " + seed);
      for (int i = 0; i < cells.intervals().size(); i++) {
        assertEquals(atoms.intervals().get(i).min(), cells.intervals().get(i).min(), 1e-6);
        assertEquals(atoms.intervals().get(i).max(), cells.intervals().get(i).max(), 1e-6);
      }
      for (Finding f : cells.intervals()) {
        double truth = world.truth.get(world.keyOf(f));
        assertTrue(
            f.min() - 1e-6 <= truth && truth <= f.max() + 1e-6,
            "seed " + seed + ": " + describe(List.of(f)) + " excludes the truth " + truth);
        notPinned += f.width() > 0 ? 1 : 0;
      }
      assertEquals(
          describe(cells.findings()),
          describe(IndependentAttacker.attack(world.published, null, K)));
    }
    assertTrue(notPinned > 20, "too few open intervals to compare: " + notPinned);
  }

  /** Sunday 31 March and Monday 1 April: across a week's and a month's end. */
  private static final World.Shape SMALL_WORLD =
      new World.Shape(
          List.of(LocalDate.of(2024, 3, 31), LocalDate.of(2024, 4, 1)), 2, 2, 2, 3, 12, 12);

  /** One client's messages, the gold rows they make, and a random set of withheld families. */
  private static final class World {
    final List<Row> published = new ArrayList<>();
    final Map<String, Double> truth = new java.util.HashMap<>();
    private final double withheld;

    private World(double withheld) {
      this.withheld = withheld;
    }

    private record Message(
        LocalDate day,
        String number,
        String campaign,
        String template,
        String category,
        int person,
        boolean failed,
        boolean delivered,
        boolean read,
        boolean replied,
        boolean clicked,
        boolean converted,
        int conversions,
        boolean billable,
        long costCents,
        long revenueCents) {}

    /** How big a world is: its days, and how many numbers, campaigns, templates, categories. */
    record Shape(
        List<LocalDate> days,
        int numbers,
        int campaigns,
        int templates,
        int categories,
        int messagesPerDay,
        int people) {}

    static World random(long seed, Shape shape, double withheld) {
      java.util.Random random = new java.util.Random(seed);
      List<Message> messages = new ArrayList<>();
      for (LocalDate day : shape.days()) {
        int count = shape.messagesPerDay() / 2 + random.nextInt(shape.messagesPerDay());
        for (int i = 0; i < count; i++) {
          messages.add(message(random, day, shape));
        }
      }
      World world = new World(withheld);
      world.addRows(
          random, messages, CAMPAIGN, List.of("campaign"), List.of("day", "week", "month"));
      world.addRows(
          random, messages, TEMPLATE, List.of("campaign", "template"), List.of("week", "month"));
      world.addRows(
          random, messages, NUMBER, List.of("phone_number_id"), List.of("day", "week", "month"));
      world.addRows(
          random,
          messages,
          CONVERSATIONS,
          List.of("phone_number_id", "pricing_category"),
          List.of("day", "week", "month"));
      return world;
    }

    private static Message message(java.util.Random random, LocalDate day, Shape shape) {
      String campaign = String.valueOf((char) ('A' + random.nextInt(shape.campaigns())));
      String category =
          List.of("marketing", "utility", "service", "authentication", "(unpriced)")
              .get(random.nextInt(shape.categories()));
      boolean failed = random.nextInt(5) == 0;
      boolean delivered = !failed && random.nextInt(4) > 0;
      boolean replied = !failed && random.nextInt(3) == 0;
      boolean converted = !failed && random.nextInt(4) == 0;
      boolean billable = random.nextBoolean();
      boolean free = category.equals("service") || category.equals("(unpriced)");
      return new Message(
          day,
          "N" + (1 + random.nextInt(shape.numbers())),
          campaign,
          campaign + (1 + random.nextInt(shape.templates())),
          category,
          random.nextInt(shape.people()),
          failed,
          delivered,
          delivered && random.nextBoolean(),
          replied,
          replied && random.nextBoolean(),
          converted,
          converted ? 1 + random.nextInt(2) : 0,
          billable,
          billable && delivered && !free ? 1 + random.nextInt(9) : 0,
          converted ? 100 + random.nextInt(5000) : 0);
    }

    private void addRows(
        java.util.Random random,
        List<Message> messages,
        String table,
        List<String> members,
        List<String> periods) {
      for (String period : periods) {
        Map<List<Object>, List<Message>> groups =
            messages.stream()
                .collect(
                    Collectors.groupingBy(
                        m ->
                            List.of(
                                members.stream().map(name -> member(m, name)).toList(),
                                start(period, m.day())),
                        LinkedHashMap::new,
                        Collectors.toList()));
        groups.forEach(
            (key, group) -> {
              @SuppressWarnings("unchecked")
              List<String> values = (List<String>) key.get(0);
              Map<String, String> memberMap = new LinkedHashMap<>();
              for (int i = 0; i < members.size(); i++) {
                memberMap.put(members.get(i), values.get(i));
              }
              addRow(
                  random,
                  new Row(table, memberMap, period, (LocalDate) key.get(1), figures(table, group)));
            });
      }
    }

    /** Withholds each family at random; remembers every true value. */
    private void addRow(java.util.Random random, Row row) {
      Map<String, Double> figures = new LinkedHashMap<>(row.figures());
      List<List<String>> families =
          row.table().equals(CONVERSATIONS)
              ? List.of(
                  List.of("users"),
                  List.of("messages", "billable_messages", "cost"),
                  List.of("sessions"))
              : List.of(
                  List.of(
                      "users", "sent", "delivered", "read", "failed", "replied", "clicked", "cost"),
                  List.of("converted", "conversions", "revenue"));
      families.forEach(
          family -> {
            if (random.nextDouble() < withheld) {
              family.forEach(f -> figures.put(f, null));
            }
          });
      row.figures().forEach((f, v) -> truth.put(keyOf(row, f), v));
      published.add(new Row(row.table(), row.members(), row.period(), row.periodStart(), figures));
    }

    String keyOf(Finding f) {
      return IndependentAttacker.key(
          f.table(), f.members(), f.period(), f.periodStart(), f.figure());
    }

    private static String keyOf(Row r, String figure) {
      return IndependentAttacker.key(r.table(), r.members(), r.period(), r.periodStart(), figure);
    }

    private static Map<String, Double> figures(String table, List<Message> group) {
      Map<String, Double> f = new LinkedHashMap<>();
      f.put("users", (double) group.stream().mapToInt(Message::person).distinct().count());
      if (table.equals(CONVERSATIONS)) {
        f.put("messages", (double) group.size());
        f.put("billable_messages", count(group, Message::billable));
        f.put("cost", group.stream().mapToLong(Message::costCents).sum() / 100.0);
        f.put("sessions", 0.0); // sessions are the day rows' own quantity, tested apart
        return f;
      }
      f.put("sent", (double) group.size());
      f.put("delivered", count(group, Message::delivered));
      f.put("read", count(group, Message::read));
      f.put("failed", count(group, Message::failed));
      f.put("replied", count(group, Message::replied));
      f.put("clicked", count(group, Message::clicked));
      f.put("cost", group.stream().mapToLong(Message::costCents).sum() / 100.0);
      f.put("converted", count(group, Message::converted));
      f.put("conversions", (double) group.stream().mapToInt(Message::conversions).sum());
      f.put("revenue", group.stream().mapToLong(Message::revenueCents).sum() / 100.0);
      return f;
    }

    private static double count(List<Message> group, java.util.function.Predicate<Message> p) {
      return group.stream().filter(p).count();
    }

    private static String member(Message m, String name) {
      return switch (name) {
        case "campaign" -> m.campaign();
        case "template" -> m.template();
        case "phone_number_id" -> m.number();
        default -> m.category();
      };
    }

    private static LocalDate start(String period, LocalDate day) {
      return switch (period) {
        case "day" -> day;
        case "week" ->
            day.with(
                java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        default -> day.withDayOfMonth(1);
      };
    }
  }

  // the model's own checks -----------------------------------------------------------------------

  @Test
  void publishedRowsThatContradictTheModelAreThrownNotIgnored() {
    // A alone sent 20 through N, but N sent 10 in all: no non-negative b makes 20 + b = 10.
    List<Row> infeasible =
        List.of(
            campaign("A", "day", MON, "sent", 20),
            campaign("B", "day", MON, "sent", null),
            number("N", "day", MON, "sent", 10));
    // A week of 5 people cannot hold a day of 7 of them.
    List<Row> contradictory =
        List.of(
            campaign("A", "day", MON, "users", 7, "sent", 7),
            campaign("A", "week", MON, "users", 5, "sent", 7));

    assertThrows(
        IllegalStateException.class, () -> IndependentAttacker.analyse(infeasible, null, K));
    assertThrows(
        IllegalStateException.class, () -> IndependentAttacker.analyse(contradictory, null, K));
  }

  // reading a lake --------------------------------------------------------------------------------

  @Test
  void readsTheGoldTablesOfALake(@TempDir Path lake) {
    // A lake with campaign_funnel and number_funnel only (the other tables are skipped). acme is
    // (a)'s day rows; beta has revenue in EUR and USD, and a MIXED row whose null revenue is not
    // withheld: beta's revenue is left out of every row.
    SparkSession spark = SharedSpark.session();
    StructType campaigns =
        schema("campaign", DataTypes.StringType)
            .add("users", DataTypes.LongType)
            .add("sent", DataTypes.LongType)
            .add("revenue", DataTypes.createDecimalType(18, 2))
            .add("revenue_currency", DataTypes.StringType)
            .add("withheld", DataTypes.createArrayType(DataTypes.StringType));
    write(
        spark,
        lake,
        CAMPAIGN,
        campaigns,
        List.of(
            RowFactory.create(
                "acme",
                "A",
                "day",
                sqlDate(MON),
                20L,
                20L,
                new BigDecimal("10.50"),
                "EUR",
                List.of()),
            RowFactory.create(
                "acme",
                "B",
                "day",
                sqlDate(MON),
                null,
                null,
                null,
                null,
                List.of("users", "sent", "revenue")),
            RowFactory.create(
                "beta",
                "A",
                "day",
                sqlDate(MON),
                5L,
                5L,
                new BigDecimal("10.00"),
                "EUR",
                List.of()),
            RowFactory.create("beta", "B", "day", sqlDate(MON), 5L, 5L, null, "MIXED", List.of()),
            RowFactory.create(
                "beta",
                "C",
                "day",
                sqlDate(MON),
                5L,
                5L,
                new BigDecimal("5.00"),
                "USD",
                List.of())));
    StructType numbers =
        schema("phone_number_id", DataTypes.StringType)
            .add("users", DataTypes.LongType)
            .add("sent", DataTypes.LongType)
            .add("withheld", DataTypes.createArrayType(DataTypes.StringType));
    write(
        spark,
        lake,
        NUMBER,
        numbers,
        List.of(RowFactory.create("acme", "N", "day", sqlDate(MON), 24L, 24L, List.of())));

    Map<String, List<Row>> clients = IndependentAttacker.readLake(spark, lake.toString());

    assertEquals(Set.of("acme", "beta"), clients.keySet());
    Row b =
        clients.get("acme").stream()
            .filter(r -> r.table().equals(CAMPAIGN) && "B".equals(r.members().get("campaign")))
            .findFirst()
            .orElseThrow();
    assertEquals(MON, b.periodStart());
    assertEquals(nulls("users", "sent", "revenue"), b.figures());
    assertTrue(clients.get("beta").stream().noneMatch(r -> r.figures().containsKey("revenue")));
    assertEquals(
        List.of("campaign_funnel|{campaign=B}|day|2024-03-04 sent [4, 4]"),
        describe(IndependentAttacker.attack(clients.get("acme"), null, K)));
  }

  // helpers ---------------------------------------------------------------------------------------

  /** Every interval, no solver failure, and attack (which solves less) finds the same. */
  private static Report analyse(List<Row> rows, Set<String> sensitive) {
    Report report = IndependentAttacker.analyse(rows, sensitive, K);
    assertEquals(List.of(), report.solverFailures());
    assertEquals(
        describe(report.findings()), describe(IndependentAttacker.attack(rows, sensitive, K)));
    return report;
  }

  private static Row campaign(String c, String period, LocalDate start, Object... figures) {
    return new Row(CAMPAIGN, Map.of("campaign", c), period, start, figures(figures));
  }

  private static Row template(
      String c, String t, String period, LocalDate start, Object... figures) {
    return new Row(TEMPLATE, Map.of("campaign", c, "template", t), period, start, figures(figures));
  }

  private static Row number(String n, String period, LocalDate start, Object... figures) {
    return new Row(NUMBER, Map.of("phone_number_id", n), period, start, figures(figures));
  }

  private static Row conversation(
      String n, String category, String period, LocalDate start, Object... figures) {
    return new Row(
        CONVERSATIONS,
        Map.of("phone_number_id", n, "pricing_category", category),
        period,
        start,
        figures(figures));
  }

  private static Row ad(String id, String period, LocalDate start, Object... figures) {
    return new Row(ADS, Map.of("referral_source_id", id), period, start, figures(figures));
  }

  /** name, value pairs; a null value is withheld. */
  private static Map<String, Double> figures(Object... pairs) {
    Map<String, Double> figures = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      figures.put(
          (String) pairs[i], pairs[i + 1] == null ? null : ((Number) pairs[i + 1]).doubleValue());
    }
    return figures;
  }

  /** A funnel row's sent and buyers' figures. */
  private static Object[] sales(Object sent, Object converted, Object conversions, Object revenue) {
    return new Object[] {
      "sent", sent, "converted", converted, "conversions", conversions, "revenue", revenue
    };
  }

  /** A conversations row's figures. */
  private static Object[] category(
      Object users, Object messages, Object billable, Object cost, Object sessions) {
    return new Object[] {
      "users",
      users,
      "messages",
      messages,
      "billable_messages",
      billable,
      "cost",
      cost,
      "sessions",
      sessions
    };
  }

  /** An ad_referrals row's figures. */
  private static Object[] arrivals(
      Object users, Object started, Object replied, Object converted, Object revenue) {
    return new Object[] {
      "users",
      users,
      "conversations_started",
      started,
      "replied",
      replied,
      "converted",
      converted,
      "revenue",
      revenue
    };
  }

  private static Map<String, Double> nulls(String... names) {
    Map<String, Double> figures = new LinkedHashMap<>();
    Arrays.stream(names).forEach(n -> figures.put(n, null));
    return figures;
  }

  private static List<Row> withoutUsers(List<Row> rows) {
    List<Row> stripped = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Double> figures = new LinkedHashMap<>(r.figures());
      figures.remove("users");
      stripped.add(new Row(r.table(), r.members(), r.period(), r.periodStart(), figures));
    }
    return stripped;
  }

  private static String recipients(
      String table, Map<String, String> members, String period, LocalDate start) {
    return IndependentAttacker.key(table, members, period, start, "recipients");
  }

  private static String buyers(Map<String, String> campaign) {
    return IndependentAttacker.key(CAMPAIGN, campaign, "day", MON, "buyers");
  }

  static List<String> describe(List<Finding> findings) {
    return findings.stream()
        .map(
            f ->
                IndependentAttacker.key(f.table(), f.members(), f.period(), f.periodStart(), "")
                        .replaceAll("\\|$", "")
                    + " "
                    + f.figure()
                    + " ["
                    + value(f.figure(), f.min())
                    + ", "
                    + value(f.figure(), f.max())
                    + "]")
        .collect(Collectors.toList());
  }

  /** Counts as integers, money to the cent. */
  private static String value(String figure, double v) {
    if (Double.isInfinite(v)) {
      return "inf";
    }
    boolean money = figure.equals("revenue") || figure.equals("cost");
    return money ? String.format(java.util.Locale.ROOT, "%.2f", v) : String.valueOf(Math.round(v));
  }

  private static void assertInterval(
      Report report,
      String table,
      Map<String, String> members,
      String period,
      LocalDate start,
      String figure,
      double min,
      double max) {
    Finding f =
        report.intervals().stream()
            .filter(
                i ->
                    i.table().equals(table)
                        && i.members().equals(members)
                        && i.period().equals(period)
                        && i.periodStart().equals(start)
                        && i.figure().equals(figure))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no interval for " + table + members + figure));
    double tolerance = figure.equals("revenue") || figure.equals("cost") ? 1e-6 : EXACT;
    assertEquals(min, f.min(), tolerance, "min of " + figure);
    assertEquals(max, f.max(), tolerance, "max of " + figure);
    assertFalse(Double.isNaN(f.min()) || Double.isNaN(f.max()));
  }

  private static StructType schema(String member, org.apache.spark.sql.types.DataType type) {
    return new StructType(new StructField[0])
        .add("client", DataTypes.StringType, false)
        .add(member, type)
        .add("period", DataTypes.StringType)
        .add("period_start", DataTypes.DateType);
  }

  private static void write(
      SparkSession spark,
      Path lake,
      String table,
      StructType schema,
      List<org.apache.spark.sql.Row> rows) {
    spark
        .createDataFrame(rows, schema)
        .write()
        .format("delta")
        .save(lake.resolve("gold").resolve(table).toString());
  }

  private static java.sql.Date sqlDate(LocalDate d) {
    return java.sql.Date.valueOf(d);
  }
}

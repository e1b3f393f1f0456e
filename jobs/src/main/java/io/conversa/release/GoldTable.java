package io.conversa.release;

import java.util.List;

/**
 * The gold tables of figures as disclosure control sees them: what identifies a row beside its
 * client and period, which figures are withheld together (a family shares the people behind
 * it), which figures add up across rows, and the rates built from them.
 */
public enum GoldTable {
  CONVERSATIONS("conversations", List.of("phone_number_id", "pricing_category"), 0, Families.CONVERSATIONS, List.of(), true),
  NUMBER_FUNNEL("number_funnel", List.of("phone_number_id"), 1, Families.FUNNEL, Rates.FUNNEL, true),
  AD_REFERRALS("ad_referrals", List.of("referral_source_id"), 2, Families.ADS, Rates.ADS, true),
  TEMPLATE_FUNNEL("template_funnel", List.of("campaign", "template"), 3, Families.FUNNEL, Rates.FUNNEL, false),
  CAMPAIGN_FUNNEL("campaign_funnel", List.of("campaign"), 4, Families.FUNNEL, Rates.FUNNEL, true);

  /**
   * Figures withheld together, and the people column that must reach k for them.
   *
   * @param additive the figures that add up across rows (into weeks, months, totals)
   * @param anchor the figure that counts the people's events (messages sent, conversions): a
   *     withheld one must stay uncertain by k; the family's other figures by their own size.
   *     Null for a family with nothing additive.
   */
  public record Family(String name, String people, List<String> measures, List<String> additive, String anchor) {}

  /** A rate and the two figures it divides: withheld when either is. */
  public record Rate(String name, String numerator, String denominator) {}

  private final String tableName;
  private final List<String> memberColumns;
  private final int preference;
  private final List<Family> families;
  private final List<Rate> rates;
  private final boolean hasDays;

  GoldTable(String tableName, List<String> memberColumns, int preference, List<Family> families, List<Rate> rates, boolean hasDays) {
    this.tableName = tableName;
    this.memberColumns = memberColumns;
    this.preference = preference;
    this.families = families;
    this.rates = rates;
    this.hasDays = hasDays;
  }

  /** Whether the table has day rows, which its weeks and months add up (template_funnel has none). */
  public boolean hasDays() {
    return hasDays;
  }

  /** The table's name in the gold layer. */
  public String tableName() {
    return tableName;
  }

  /** The columns that, with client and period, identify a row. */
  public List<String> memberColumns() {
    return memberColumns;
  }

  /**
   * Order among tables in which complementary suppression withholds: a number's pricing
   * categories before its totals, its totals before a campaign's templates, and those before
   * the campaign's own rows, since campaign figures are what an agency sells and a number's
   * totals head its report.
   */
  int preference() {
    return preference;
  }

  public List<Family> families() {
    return families;
  }

  public List<Rate> rates() {
    return rates;
  }

  public static GoldTable named(String tableName) {
    for (GoldTable table : values()) {
      if (table.tableName.equals(tableName)) {
        return table;
      }
    }
    throw new IllegalArgumentException("no gold table of figures named " + tableName);
  }

  private static final class Families {
    static final List<Family> FUNNEL = List.of(
        // Cost is a function of the message counts (a price per country and category): it is
        // withheld with them, and in the sums that protect them.
        new Family("recipients", "users", List.of("users", "sent", "delivered", "read", "failed", "replied", "clicked", "cost"),
            List.of("sent", "delivered", "read", "failed", "replied", "clicked", "cost"), "sent"),
        new Family("buyers", "buyers", List.of("converted", "conversions", "revenue"),
            List.of("converted", "conversions", "revenue"), "converted"),
        new Family("readers", "readers", List.of("median_seconds_to_read", "p90_seconds_to_read"), List.of(), null),
        new Family("repliers", "repliers", List.of("median_seconds_to_reply", "p90_seconds_to_reply"), List.of(), null));
    static final List<Family> CONVERSATIONS = List.of(
        new Family("users", "users", List.of("users"), List.of(), null),
        new Family("recipients", "recipients", List.of("messages", "billable_messages", "cost"),
            List.of("messages", "billable_messages", "cost"), "messages"),
        new Family("session_users", "session_users", List.of("sessions"), List.of("sessions"), "sessions"));
    static final List<Family> ADS = List.of(
        new Family("users", "users", List.of("users", "conversations_started", "replied"),
            List.of("conversations_started", "replied"), "conversations_started"),
        new Family("buyers", "buyers", List.of("converted", "revenue"), List.of("converted", "revenue"), "converted"));

    private Families() {}
  }

  private static final class Rates {
    static final List<Rate> FUNNEL = List.of(
        new Rate("delivery_rate", "delivered", "sent"),
        new Rate("read_rate", "read", "delivered"),
        new Rate("reply_rate", "replied", "delivered"),
        new Rate("click_rate", "clicked", "delivered"),
        new Rate("conversion_rate", "converted", "delivered"),
        new Rate("cost_per_delivered", "cost", "delivered"),
        new Rate("cost_per_conversion", "cost", "converted"),
        new Rate("return_on_spend", "revenue", "cost"));
    static final List<Rate> ADS = List.of(new Rate("conversion_rate", "converted", "conversations_started"));

    private Rates() {}
  }
}

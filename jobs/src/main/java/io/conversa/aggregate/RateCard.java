package io.conversa.aggregate;

import io.conversa.common.Errors;
import io.conversa.privacy.FileNames;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What Meta charges per delivered message, by the recipient's country and the message's pricing
 * category: a CSV with the header {@code country,category,currency,price[,valid_from]} ({@code #}
 * starts a comment line). Without {@code --rate-card}, the card shipped in
 * {@code schemas/pricing/rate-card.csv} applies; its header comment says where its prices come
 * from and when they took effect.
 */
public final class RateCard {
  public static final String DEFAULT = "/schemas/pricing/rate-card.csv";
  private static final StructType SCHEMA = new StructType()
      .add("card_country", DataTypes.StringType, false)
      .add("card_category", DataTypes.StringType, false)
      .add("card_currency", DataTypes.StringType, false)
      .add("card_price", DataTypes.createDecimalType(18, 4), false)
      .add("card_from", DataTypes.DateType, false)
      .add("card_until", DataTypes.DateType, false);
  /**
   * The largest price of one message in a card's currency: Meta's dearest, in IDR, are under
   * 1,000; a larger one is a unit or a typo (1E+308 would turn every cost into nonsense).
   */
  static final BigDecimal MAX_PRICE = new BigDecimal("100000");
  private static final LocalDate BEGINNING = LocalDate.of(1970, 1, 1);
  private static final LocalDate END = LocalDate.of(9999, 12, 31);

  /** One price, from its first day until the day before the next price of its country and category. */
  public record Price(String country, String category, String currency, BigDecimal price, LocalDate validFrom) {}

  private final String source;
  private final List<Price> prices;
  private final String sha256;

  private RateCard(String source, List<Price> prices, String sha256) {
    this.source = source;
    this.prices = List.copyOf(prices);
    this.sha256 = sha256;
  }

  /** The card at {@code path} (any Hadoop file system), or the shipped one when null. */
  public static RateCard read(SparkSession spark, String path) {
    if (path == null) {
      try (InputStream in = RateCard.class.getResourceAsStream(DEFAULT)) {
        return parse("the shipped rate card " + DEFAULT.substring(1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw Errors.unreadableFile("rate card", DEFAULT, e);
      }
    }
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
      return parse("rate card " + FileNames.shown(path), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw Errors.unreadableFile("rate card", FileNames.shown(path), e);
    }
  }

  static RateCard parse(String source, String text) {
    List<Price> prices = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    List<String> header = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = List.of(line.split(",", -1)).stream().map(String::strip).toList();
      if (header == null) {
        header = fields.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
        if (!header.subList(0, Math.min(4, header.size())).equals(List.of("country", "category", "currency", "price"))) {
          throw bad(source, i, "the header country,category,currency,price[,valid_from]");
        }
        continue;
      }
      if (fields.size() != header.size()) {
        throw bad(source, i, header.size() + " fields, not " + fields.size());
      }
      String country = fields.get(0).toUpperCase(Locale.ROOT);
      if (!country.matches("[A-Z]{2}")) {
        throw bad(source, i, "a country as an ISO 3166 two-letter code (BR, IN, ID) in the field country");
      }
      String category = fields.get(1).toLowerCase(Locale.ROOT);
      if (!category.matches("[a-z_]+")) {
        throw bad(source, i, "a pricing category (marketing, utility, authentication, ...) in the field category");
      }
      String currency = fields.get(2).toUpperCase(Locale.ROOT);
      if (!currency.matches("[A-Z]{3}")) {
        throw bad(source, i, "an ISO 4217 currency (USD, BRL) in the field currency");
      }
      BigDecimal price;
      try {
        price = new BigDecimal(fields.get(3));
      } catch (NumberFormatException e) {
        throw bad(source, i, "a price like 0.0625 in the field price");
      }
      if (price.signum() < 0 || price.scale() > 4 || price.compareTo(MAX_PRICE) > 0) {
        throw bad(source, i, "a price from 0 to " + MAX_PRICE.toPlainString() + " with at most 4 decimals in the field price");
      }
      LocalDate from = BEGINNING;
      if (header.size() > 4 && !fields.get(4).isEmpty()) {
        try {
          from = LocalDate.parse(fields.get(4));
        } catch (DateTimeParseException e) {
          throw bad(source, i, "a date like 2026-10-01 in the field valid_from");
        }
      }
      prices.add(new Price(country, category, currency, price, from));
    }
    if (header == null) {
      throw bad(source, lines.length - 1, "a header line country,category,currency,price[,valid_from]");
    }
    return new RateCard(source, prices, sha256(text));
  }

  private static RuntimeException bad(String source, int lineIndex, String expected) {
    return Errors.usage(source + ", line " + (lineIndex + 1) + ": expected " + expected + ".",
        "fix the line, or leave out --rate-card to use the shipped card.");
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<Price> prices() {
    return prices;
  }

  /** The dearest price of each pricing category, in any country and period: what a message of it can cost at most. */
  public java.util.Map<String, Double> maxPriceByCategory() {
    java.util.Map<String, Double> max = new java.util.TreeMap<>();
    for (Price p : prices) {
      max.merge(p.category(), p.price().doubleValue(), Math::max);
    }
    return max;
  }

  public String source() {
    return source;
  }

  /** Changes with the card's content: gold computed under another card is recomputed. */
  String fingerprint() {
    return sha256;
  }

  /**
   * card_country, card_category, card_currency, card_price, card_from, card_until: each price
   * with the day its successor starts, so a message matches at most one row.
   */
  Dataset<Row> periods(SparkSession spark) {
    List<Price> sorted = new ArrayList<>(prices);
    sorted.sort(Comparator.comparing(Price::country).thenComparing(Price::category).thenComparing(Price::validFrom));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Price p = sorted.get(i);
      Price next = i + 1 < sorted.size() ? sorted.get(i + 1) : null;
      boolean sameKind = next != null && next.country().equals(p.country()) && next.category().equals(p.category());
      rows.add(RowFactory.create(p.country(), p.category(), p.currency(), p.price(), Date.valueOf(p.validFrom()),
          Date.valueOf(sameKind ? next.validFrom() : END)));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}

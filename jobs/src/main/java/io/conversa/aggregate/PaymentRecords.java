package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.conversa.common.Errors;
import io.conversa.privacy.FileNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The business's payment records: a payment provider's export, for the payments Meta sends no
 * webhook for (Pix, boleto, payment links). A CSV with the header
 * {@code reference_id,amount,currency,status,paid_at[,method]}, or JSON lines with those fields.
 * A row whose status is {@code paid} converts the order message whose {@code reference_id} the
 * send log names; every other status converts nothing.
 */
public final class PaymentRecords {
  public static final String PAID = "paid";
  public static final String KIND = "payment_record";
  static final List<String> FIELDS = List.of("reference_id", "amount", "currency", "status", "paid_at");
  /**
   * The largest amount one payment may have, in any currency: ten billion (IDR 10 billion is
   * about USD 600,000). Larger ones are a unit or a typo, and a few of them would overflow
   * revenue's sums.
   */
  public static final java.math.BigDecimal MAX_AMOUNT = new java.math.BigDecimal("10000000000");
  /** Where payments' quality checks are recorded: the records are not a table of the lake. */
  static final String TABLE = "business.payments";

  private PaymentRecords() {}

  /**
   * @return reference_id, amount (decimal(18,2)), currency, status (lower case), paid_at
   *     (timestamp), problem: what is wrong with the row, null when it can be used
   */
  public static Dataset<Row> read(SparkSession spark, String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    boolean json = lower.matches(".*\\.(json|jsonl|ndjson)(\\.gz)?$");
    Dataset<Row> raw = json
        ? spark.read().option("primitivesAsString", "true").option("mode", "PERMISSIVE").json(path)
        : spark.read().option("header", "true").option("mode", "PERMISSIVE").csv(path);
    List<String> columns = List.of(raw.columns()).stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    List<String> missing = FIELDS.stream().filter(f -> !columns.contains(f)).toList();
    if (!missing.isEmpty()) {
      // Only the missing names: the file's own first line may be a row of payers' data.
      throw Errors.usage(
          "payments file " + FileNames.shown(path) + ": expected the " + (json ? "fields " : "columns ") + String.join(", ", missing) + ".",
          "give --payments a CSV whose first line is reference_id,amount,currency,status,paid_at[,method] (or JSON lines with those fields).");
    }
    // Brazilian exports write 72,50; a comma with no dot is the decimal separator.
    Column amount = expr("try_cast(case when trim(amount) rlike '^[0-9]+,[0-9]{1,2}$' then replace(trim(amount), ',', '.') "
        + "else trim(amount) end as decimal(18,2))");
    Column paidAtText = trim(col("paid_at"));
    // A time without its offset is hours off in Brazil or India: only an explicit zone is read.
    Column paidAt = when(paidAtText.rlike("^[0-9]{9,11}$"), expr("timestamp_seconds(cast(trim(paid_at) as bigint))"))
        .when(paidAtText.rlike("([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$"), expr("try_cast(trim(paid_at) as timestamp)"));
    Dataset<Row> typed = raw.select(
        when(trim(col("reference_id")).notEqual(""), trim(col("reference_id"))).as("reference_id"),
        amount.as("amount"),
        upper(trim(col("currency"))).as("currency"),
        lower(trim(col("status"))).as("status"),
        paidAt.as("paid_at"));
    Column problem =
        when(col("reference_id").isNull(), lit("reference_id is empty"))
            .when(col("amount").isNull().or(col("amount").lt(0)), lit("amount is not a number of at least 0 (like 72.50)"))
            .when(col("amount").gt(MAX_AMOUNT), lit("amount is above " + MAX_AMOUNT.toPlainString() + " (a unit or a typo?)"))
            .when(col("currency").isNull().or(col("currency").rlike("^[A-Z]{3}$").equalTo(false)), lit("currency is not an ISO 4217 code (like BRL)"))
            .when(col("status").isNull().or(col("status").equalTo("")), lit("status is empty"))
            .when(col("status").equalTo(PAID).and(col("paid_at").isNull()),
                lit("paid_at is not an ISO-8601 time with its UTC offset (like 2026-11-18T10:15:00-03:00) or epoch seconds"));
    return typed.withColumn("problem", problem);
  }

  /**
   * A digest of the usable paid rows of each UTC date of payment: what a later run compares to
   * recompute only the dates a rewritten export changed (an export is rewritten whole every day,
   * so its size and time say nothing).
   */
  public static java.util.Map<String, String> paidDays(Dataset<Row> records) {
    java.util.Map<String, String> days = new java.util.TreeMap<>();
    Column line = concat_ws("|", col("reference_id"), col("amount").cast("string"), col("currency"),
        date_format(col("paid_at"), "yyyy-MM-dd'T'HH:mm:ss"));
    for (Row day : records.filter(col("problem").isNull().and(col("status").equalTo(PAID)))
        .groupBy(to_date(col("paid_at")).cast("string").as("day"))
        .agg(sha2(concat_ws("\n", sort_array(collect_list(line))), 256).as("digest"))
        .collectAsList()) {
      days.put(day.getString(0), day.getString(1));
    }
    return days;
  }

  /**
   * The paid rows as purchases, each on the order message it settles: the latest message the
   * send log lists under its reference_id that was sent to the user within the attribution
   * window before the payment. A reference paid twice counts once, at its first payment.
   *
   * @param records {@link #read}
   * @param sendLog {@link SendLog#read}
   * @param outbound silver.outbound_messages, users resolved
   * @return purchase_id, kind, waba_id, phone_number_id, user_id, occurred_at, value, currency,
   *     credited_message_id, reference_id
   */
  public static Dataset<Row> settled(Dataset<Row> records, Dataset<Row> sendLog, Dataset<Row> outbound, long windowSeconds) {
    Dataset<Row> paid = records
        .filter(col("problem").isNull().and(col("status").equalTo(PAID)))
        .withColumn("_n", row_number().over(Window.partitionBy("reference_id").orderBy(col("paid_at"), col("amount"))))
        .filter(col("_n").equalTo(1))
        .drop("_n");
    Dataset<Row> orderMessages = sendLog.filter(col("send_log_reference_id").isNotNull())
        .select(col("send_log_reference_id").as("reference_id"), col("message_id"));
    Dataset<Row> sent = outbound.filter(col("user_id").isNotNull())
        .select(col("message_id"), col("user_id"), col("waba_id"), col("phone_number_id"), col("sent_at"));
    return paid.join(orderMessages, "reference_id")
        .join(sent, "message_id")
        .filter(Times.seconds("sent_at").leq(Times.seconds("paid_at"))
            .and(Times.seconds("paid_at").leq(Times.seconds("sent_at").plus(windowSeconds))))
        .withColumn("_n", row_number().over(Window.partitionBy("reference_id").orderBy(col("sent_at").desc(), col("message_id"))))
        .filter(col("_n").equalTo(1))
        .select(
            concat(lit(KIND + ":"), col("message_id")).as("purchase_id"),
            lit(KIND).as("kind"),
            col("waba_id"),
            col("phone_number_id"),
            col("user_id"),
            col("paid_at").as("occurred_at"),
            col("amount").as("value"),
            col("currency"),
            col("message_id").as("credited_message_id"),
            col("reference_id"));
  }

  /** What became of a payments file's rows, for the run's output and its quality checks. */
  public record Tally(long rows, long invalid, long paid, long unmatched, Map<String, Long> problems) {
    public List<QualityChecks.Result> checks() {
      List<QualityChecks.Result> results = new ArrayList<>();
      results.add(new QualityChecks.Result(TABLE, "payment_record_is_valid",
          "Every payment record has a reference_id, an amount, an ISO 4217 currency, a status and, when paid, a paid_at with its UTC offset.",
          invalid == 0, invalid, rows));
      results.add(new QualityChecks.Result(TABLE, "paid_payment_settles_a_message",
          "Every paid reference names an order message of the send log, sent to the user within the attribution window before the payment.",
          unmatched == 0, unmatched, paid));
      return results;
    }

    public String describe() {
      StringBuilder text = new StringBuilder()
          .append(rows).append(" rows, ").append(paid).append(" paid references, ").append(paid - unmatched).append(" settling a message, ")
          .append(unmatched).append(" matching no message, ").append(invalid).append(" unusable");
      problems.forEach((problem, n) -> text.append("; ").append(n).append(" with ").append(problem));
      return text.toString();
    }
  }

  /** One pass over the records and one over the settled rows. */
  public static Tally tally(Dataset<Row> records, Dataset<Row> settled) {
    Row totals = records.agg(
            count(lit(1)).as("rows"),
            sum(when(col("problem").isNotNull(), 1L).otherwise(0L)).as("invalid"),
            expr("count(distinct case when problem is null and status = '" + PAID + "' then reference_id end)").as("paid"))
        .first();
    long matched = settled.select("reference_id").distinct().count();
    Map<String, Long> problems = new LinkedHashMap<>();
    for (Row r : records.filter(col("problem").isNotNull()).groupBy("problem").count().orderBy(col("count").desc()).collectAsList()) {
      problems.put(r.getString(0), r.getLong(1));
    }
    long rows = totals.getLong(0);
    long paid = totals.getLong(2);
    return new Tally(rows, rows == 0 ? 0 : totals.getLong(1), paid, paid - matched, problems);
  }
}

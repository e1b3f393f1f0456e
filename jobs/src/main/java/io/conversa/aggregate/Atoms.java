package io.conversa.aggregate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.conversa.disclosure.AtomSpace;
import io.conversa.release.GoldCells;
import io.conversa.release.GoldSpaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The atoms gold's figures are sums of ({@link GoldSpaces}), as {@link io.conversa.release.AtomRows}:
 * outbound messages per client, number, campaign, template, pricing category and local day, from
 * the same message outcomes the funnels and conversations sum; sessions and ad referrals per day,
 * which are their one table's day rows.
 */
final class Atoms {
  private Atoms() {}

  /**
   * @param outcomes {@link MessageOutcomes} with client, local_date, campaign, template, pricing and cost
   * @param maxPrice the rate card's dearest price per pricing category
   * @param conversations gold.conversations as computed
   * @param adReferrals gold.ad_referrals as computed
   */
  static Dataset<Row> of(Dataset<Row> outcomes, Map<String, Double> maxPrice, Dataset<Row> conversations, Dataset<Row> adReferrals) {
    AtomSpace outbound = GoldSpaces.outbound();
    Column category = coalesce(col("pricing_category"), lit(Conversations.UNPRICED));
    Dataset<Row> sums = outcomes
        .groupBy(col("client"), col("local_date"), coalesce(col("phone_number_id"), lit(GoldCells.NONE)).as("phone_number_id"),
            coalesce(col("campaign"), lit(GoldCells.NONE)).as("campaign"), coalesce(col("template"), lit(GoldCells.NONE)).as("template"),
            category.as("pricing_category"))
        .agg(
            count(lit(1)).cast("double").as("sent"),
            Funnels.countIf("is_delivered").cast("double").as("delivered"),
            Funnels.countIf("is_read").cast("double").as("read"),
            Funnels.countIf("is_failed").cast("double").as("failed"),
            Funnels.countIf("is_replied").cast("double").as("replied"),
            Funnels.countIf("is_clicked").cast("double").as("clicked"),
            sum(when(col("purchases").gt(0), 1L).otherwise(0L)).cast("double").as("converted"),
            sum("purchases").cast("double").as("conversions"),
            coalesce(sum("revenue").cast("double"), lit(0.0)).as("revenue"),
            coalesce(sum("cost").cast("double"), lit(0.0)).as("cost"),
            sum(when(col("pricing_type").equalTo("regular"), 1L).otherwise(0L)).cast("double").as("billable"));
    Column prices = maxPrice.isEmpty() ? lit(null).cast("double") : element_at(mapOf(maxPrice), col("pricing_category"));
    sums = sums.withColumn(GoldSpaces.MAX_PRICE, coalesce(prices, lit(0.0)));
    Dataset<Row> outboundAtoms = atoms(sums, outbound, col("local_date"));
    Dataset<Row> sessionAtoms = atoms(conversations.filter(col("period").equalTo(Periods.DAY)), GoldSpaces.sessions(), col("period_start"));
    Dataset<Row> referralAtoms = atoms(adReferrals.filter(col("period").equalTo(Periods.DAY))
        .withColumn("started", col("conversations_started")), GoldSpaces.referrals(), col("period_start"));
    return outboundAtoms.unionByName(sessionAtoms).unionByName(referralAtoms);
  }

  private static Dataset<Row> atoms(Dataset<Row> rows, AtomSpace space, Column day) {
    List<Column> dimensions = new ArrayList<>();
    space.dimensions().forEach(d -> dimensions.add(coalesce(col(d).cast("string"), lit(GoldCells.NONE))));
    List<Column> values = new ArrayList<>();
    space.quantities().forEach(q -> values.add(coalesce(col(q).cast("double"), lit(0.0))));
    return rows.select(col("client"), lit(space.name()).as("space"), day.as("day"),
        array(dimensions.toArray(new Column[0])).as("dimensions"), array(values.toArray(new Column[0])).as("values"));
  }

  private static Column mapOf(Map<String, Double> map) {
    List<Column> keysAndValues = new ArrayList<>();
    map.forEach((k, v) -> {
      keysAndValues.add(lit(k));
      keysAndValues.add(lit(v));
    });
    return org.apache.spark.sql.functions.map(keysAndValues.toArray(new Column[0]));
  }
}

package io.conversa.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;

import io.conversa.aggregate.Periods;
import io.conversa.config.ClientDirectory;
import io.conversa.sql.ResultFormat;
import io.conversa.sql.ResultPrinter;
import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Each client's campaigns week by week, as a terminal table: gold's week rows (computed over the
 * whole week, so a campaign too small to show by day can show by week), with how many figures of
 * the day and week rows gold withheld.
 */
final class FunnelTable {
  private final PrintWriter out;
  private final ClientDirectory clients;

  FunnelTable(PrintWriter out, ClientDirectory clients) {
    this.out = out;
    this.clients = clients;
  }

  void print(Dataset<Row> campaignFunnel) {
    List<String> names = campaignFunnel.select("client").distinct().orderBy("client").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    for (String client : names) {
      Dataset<Row> rows = campaignFunnel.filter(col("client").equalTo(client));
      Row withheld = rows.groupBy().pivot("period", List.of(Periods.DAY, Periods.WEEK))
          .agg(sum(expr("size(filter(withheld, f -> NOT f LIKE '%\\_rate'))"))).first();
      out.printf("%n%s (%s): campaign funnel by ISO week; %s figures withheld in day rows, %s in week rows (fewer than k people,"
              + " or they would reveal such a figure; left empty)%n",
          displayName(client), clients.timeZone(client), withheld.isNullAt(0) ? 0 : withheld.get(0), withheld.isNullAt(1) ? 0 : withheld.get(1));
      Dataset<Row> table =
          rows.filter(col("period").equalTo(Periods.WEEK))
              .withColumn("delivered %", expr("round(100 * delivery_rate, 1)"))
              .withColumn("replied %", expr("round(100 * reply_rate, 1)"))
              // Rupiah, pesos and the like without cents: nobody writes them.
              .withColumn("revenue", expr("CASE WHEN revenue = 0 THEN '0' ELSE concat_ws(' ', revenue_currency, CASE WHEN revenue_currency IN "
                  + io.conversa.common.Currencies.wholeUnitsSql() + " THEN cast(cast(round(revenue, 0) AS bigint) AS string) ELSE cast(revenue AS string) END) END"))
              .select(col("period_start").as("week"), col("campaign"), col("users"), col("sent"), col("delivered"), col("delivered %"),
                  col("read"), col("replied"), col("replied %"), col("clicked"), col("converted"), col("revenue"))
              .orderBy(col("week"), col("sent").desc_nulls_last(), col("campaign"));
      new ResultPrinter(out, 60).print(table, ResultFormat.TABLE);
    }
    out.flush();
  }

  private String displayName(String client) {
    ClientDirectory.Client configured = clients.client(client);
    return configured == null ? client : configured.displayName();
  }
}

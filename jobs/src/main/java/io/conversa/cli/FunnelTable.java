package io.conversa.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import io.conversa.aggregate.ClientDirectory;
import io.conversa.sql.ResultFormat;
import io.conversa.sql.ResultPrinter;
import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Each client's campaigns over the whole period, as a terminal table: messages per stage and the
 * rates an agency quotes. Suppressed rows (fewer than k users) add nothing and are counted.
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
      Row period = rows.agg(min("send_date"), max("send_date"), expr("count_if(suppressed)")).first();
      out.printf("%n%s: campaign funnel %s..%s (%d day rows suppressed: fewer than k users)%n",
          displayName(client), period.get(0), period.get(1), period.getLong(2));
      Dataset<Row> table =
          rows.filter(col("suppressed").equalTo(false))
              .groupBy("campaign")
              .agg(
                  sum("sent").as("sent"),
                  sum("delivered").as("delivered"),
                  sum("read").as("read"),
                  sum("replied").as("replied"),
                  sum("clicked").as("clicked"),
                  sum("converted").as("converted"),
                  expr("CASE WHEN count(DISTINCT revenue_currency) <= 1 THEN concat_ws(' ', max(revenue_currency), cast(sum(revenue) as string)) ELSE 'MIXED' END").as("revenue"),
                  count("*").as("days"))
              .withColumn("delivered %", expr("round(100 * delivered / sent, 1)"))
              .withColumn("read %", expr("round(100 * read / delivered, 1)"))
              .withColumn("replied %", expr("round(100 * replied / delivered, 1)"))
              .select("campaign", "sent", "delivered", "delivered %", "read", "read %", "replied", "replied %", "clicked", "converted", "revenue")
              .orderBy(col("sent").desc());
      new ResultPrinter(out, 50).print(table, ResultFormat.TABLE);
    }
    out.flush();
  }

  private String displayName(String client) {
    return clients.clients().stream().filter(c -> c.name().equals(client)).map(ClientDirectory.Client::displayName)
        .findFirst().orElse(client);
  }
}

package io.conversa.aggregate;

import io.conversa.config.FunnelRules;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What gold's tables are computed from, for the periods a run recomputes.
 *
 * @param outcomes every outbound message from the first week on, with what became of it ({@link MessageOutcomes})
 * @param outbound outbound messages from a day before the first week (their sessions reach into it)
 * @param outboundFromFirstWeek outbound messages from the first week on
 * @param inbound inbound messages from a day before the first week
 * @param inboundFromFirstWeek inbound messages from the first week on
 * @param purchases conversions and settled payments, with the messages they credit
 */
public record GoldSources(
    Dataset<Row> outcomes, Dataset<Row> outbound, Dataset<Row> outboundFromFirstWeek, Dataset<Row> inbound,
    Dataset<Row> inboundFromFirstWeek, Dataset<Row> purchases, FunnelRules rules) {}

package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The people behind each figure of a group: every figure needs k of its own (recipients for
 * message counts, buyers for conversions and revenue, readers and repliers for their times).
 * Counted apart from the group's other measures, by one grouping per user and one per group: in
 * one aggregation with them Spark would keep every other measure's buffer per user.
 */
final class Contributors {
  private Contributors() {}

  /**
   * @param sums one row per group, keyed by {@code keys}
   * @param rows the rows the groups were computed from, with {@code keys} and {@code user_id}
   * @param people the people columns to add, each counting the users for whom its condition holds
   *     on at least one row ({@code users}: lit(true) counts every user)
   */
  static Dataset<Row> counted(Dataset<Row> sums, Dataset<Row> rows, List<String> keys, Map<String, Column> people) {
    List<Column> perUser = new ArrayList<>();
    List<Column> perGroup = new ArrayList<>();
    for (Map.Entry<String, Column> person : people.entrySet()) {
      perUser.add(max(when(person.getValue(), 1L).otherwise(0L)).as("_is_" + person.getKey()));
      perGroup.add(sum("_is_" + person.getKey()).as(person.getKey()));
    }
    List<Column> userKeys = new ArrayList<>();
    keys.forEach(k -> userKeys.add(col(k).as("_people_" + k)));
    userKeys.add(col("user_id"));
    Dataset<Row> byUser = rows.filter(col("user_id").isNotNull())
        .groupBy(userKeys.toArray(Column[]::new))
        .agg(perUser.get(0), perUser.subList(1, perUser.size()).toArray(Column[]::new));
    Dataset<Row> byGroup = byUser
        .groupBy(keys.stream().map(k -> col("_people_" + k)).toArray(Column[]::new))
        .agg(perGroup.get(0), perGroup.subList(1, perGroup.size()).toArray(Column[]::new));
    // Null-safe: a group keyed by a null (no phone number) is a group too.
    Column sameGroup = keys.stream().map(k -> sums.col(k).eqNullSafe(byGroup.col("_people_" + k))).reduce(Column::and).orElseThrow();
    Dataset<Row> joined = sums.join(byGroup, sameGroup, "left");
    for (String key : keys) {
      joined = joined.drop(byGroup.col("_people_" + key));
    }
    for (String person : people.keySet()) {
      joined = joined.withColumn(person, org.apache.spark.sql.functions.coalesce(col(person), lit(0L)));
    }
    return joined;
  }

  /** Just {@code users}: every distinct user of the group. */
  static Map<String, Column> users() {
    Map<String, Column> people = new LinkedHashMap<>();
    people.put("users", lit(true));
    return people;
  }
}

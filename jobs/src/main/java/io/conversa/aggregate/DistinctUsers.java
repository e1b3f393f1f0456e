package io.conversa.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The distinct users of each group, counted apart from the group's other measures. In one
 * aggregation with them, Spark groups by key and user first, so every other measure keeps a
 * buffer per user (an exact percentile's is a hash map): counted apart, they keep one per group.
 */
final class DistinctUsers {
  private DistinctUsers() {}

  /**
   * @param sums one row per group, keyed by {@code keys}
   * @param rows the rows the groups were computed from, with {@code keys} and {@code user_id}
   * @return {@code sums} with a {@code users} column: the distinct non-null user ids of the group
   */
  static Dataset<Row> counted(Dataset<Row> sums, Dataset<Row> rows, List<String> keys) {
    Dataset<Row> users = rows.groupBy(keys.stream().map(k -> col(k).as("_users_" + k)).toArray(Column[]::new))
        .agg(countDistinct("user_id").as("users"));
    // Null-safe: a group keyed by a null (no phone number) is a group too.
    Column sameGroup = keys.stream().map(k -> sums.col(k).eqNullSafe(users.col("_users_" + k))).reduce(Column::and).orElseThrow();
    Dataset<Row> joined = sums.join(users, sameGroup, "left");
    for (String key : keys) {
      joined = joined.drop(users.col("_users_" + key));
    }
    return joined;
  }
}

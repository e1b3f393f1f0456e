package io.conversa.erase;

import static org.apache.spark.sql.functions.col;

import io.conversa.lake.Lake;
import io.conversa.privacy.Key;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.Pseudonymizer;
import io.conversa.schema.TableSchema;
import io.conversa.schema.TableSchemas;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The pseudonyms of the people to erase. A phone number becomes its pseudonym at every business
 * the lake holds (people are pseudonymised per WABA) under every key of the ring (a rotation
 * leaves older pseudonyms behind); then {@code silver.user_links} adds the business-scoped ids
 * seen with those numbers, and the numbers seen with given ids. Never printed, never stored
 * outside the erasure ledger.
 */
public final class ErasureSubjects {
  private ErasureSubjects() {}

  /** {@code phones} as given (any notation), {@code userIds} as pseudonyms. */
  public static Set<String> resolve(Lake lake, KeyRing keys, List<String> phones, List<String> userIds) {
    Set<String> pseudonyms = new HashSet<>(userIds);
    if (!phones.isEmpty()) {
      Set<String> businesses = businesses(lake);
      for (Key key : keys.keys()) {
        Pseudonymizer pseudonymizer = new Pseudonymizer(key);
        for (String phone : phones) {
          for (String business : businesses) {
            pseudonyms.add(pseudonymizer.pseudonym(phone, business));
          }
        }
      }
    }
    return linked(lake, pseudonyms);
  }

  /** The WABA ids events were pseudonymised within, and the empty one (an entry without an id). */
  static Set<String> businesses(Lake lake) {
    Set<String> businesses = new TreeSet<>();
    businesses.add("");
    List<TableSchema> tables = List.of(TableSchemas.WEBHOOK_EVENTS, TableSchemas.MESSAGES, TableSchemas.OUTBOUND_MESSAGES);
    for (TableSchema table : tables) {
      if (lake.exists(table)) {
        lake.read(table).select(col("waba_id")).distinct().filter(col("waba_id").isNotNull())
            .as(Encoders.STRING()).collectAsList().forEach(businesses::add);
      }
    }
    return businesses;
  }

  /**
   * Adds, until nothing new comes, the ids {@code silver.user_links} pairs with the ones held, and
   * the pseudonyms key rotations linked to them ({@code _conversa.pseudonym_links}).
   */
  private static Set<String> linked(Lake lake, Set<String> pseudonyms) {
    Dataset<Row> links = null;
    if (lake.exists(TableSchemas.USER_LINKS)) {
      links = lake.read(TableSchemas.USER_LINKS).select(col("bsuid_user_id").as("a"), col("phone_user_id").as("b"));
    }
    if (lake.exists(TableSchemas.PSEUDONYM_LINKS)) {
      Dataset<Row> rotations = lake.read(TableSchemas.PSEUDONYM_LINKS).select(col("pseudonym").as("a"), col("stable_pseudonym").as("b"));
      links = links == null ? rotations : links.unionByName(rotations);
    }
    if (links == null || pseudonyms.isEmpty()) {
      return pseudonyms;
    }
    Set<String> all = new HashSet<>(pseudonyms);
    Set<String> fresh = new HashSet<>(pseudonyms);
    while (!fresh.isEmpty()) {
      List<String> frontier = new ArrayList<>(fresh);
      fresh.clear();
      for (Row link : links.filter(col("a").isin(frontier.toArray()).or(col("b").isin(frontier.toArray())))
          .collectAsList()) {
        for (int i = 0; i < 2; i++) {
          String id = link.getString(i);
          if (id != null && all.add(id)) {
            fresh.add(id);
          }
        }
      }
    }
    return all;
  }
}

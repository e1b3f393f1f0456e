package io.conversa.erase;

import static org.apache.spark.sql.functions.col;

import io.conversa.privacy.Key;
import io.conversa.privacy.KeyRing;
import io.conversa.privacy.LineCipher;
import io.conversa.privacy.Pseudonymizer;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The quarantined lines that hold one of a person's phone numbers, found by opening each line
 * on the executors (the plain text never leaves the task) and comparing every run of digits in
 * it, in any notation, with the numbers: equal, or the number's last ten or more digits (a
 * national notation without the country code).
 */
final class QuarantinedLines implements FilterFunction<Row>, Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\(?\\d(?:[ .\\-/()]?\\d){7,}");
  private static final int SHORTEST_NATIONAL = 10;
  private final Map<String, LineCipher> ciphers = new HashMap<>();
  private final List<String> numbers;

  private QuarantinedLines(KeyRing keys, List<String> numbers) {
    for (Key key : keys.keys()) {
      ciphers.put(key.id(), new LineCipher(key));
    }
    this.numbers = numbers.stream().map(Pseudonymizer::digitsOf).filter(n -> !n.isEmpty()).toList();
  }

  /** Rows of {@code quarantine} (key_id, line_encrypted, source_file, source_offset, ...) that hold one of {@code phones}. */
  static Dataset<Row> holding(Dataset<Row> quarantine, KeyRing keys, List<String> phones) {
    return quarantine.filter(new QuarantinedLines(keys, phones)).select(col("source_file"), col("source_offset"), col("line_sha256"));
  }

  @Override
  public boolean call(Row row) throws GeneralSecurityException {
    LineCipher cipher = ciphers.get(row.<String>getAs("key_id"));
    if (cipher == null) {
      return false; // sealed with a key the ring no longer holds: it cannot be read, by us or anyone with this ring
    }
    String line = new String(cipher.open(row.getAs("line_encrypted"), row.getAs("source_file"), row.<Long>getAs("source_offset")), StandardCharsets.UTF_8);
    Matcher run = DIGIT_RUN.matcher(line);
    while (run.find()) {
      String found = Pseudonymizer.digitsOf(run.group());
      for (String number : numbers) {
        if (found.equals(number) || (found.length() >= SHORTEST_NATIONAL && number.endsWith(found))) {
          return true;
        }
      }
    }
    return false;
  }
}

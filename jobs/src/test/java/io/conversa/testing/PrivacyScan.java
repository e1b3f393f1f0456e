package io.conversa.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Every identifier a set of logs holds (phone numbers, profile names, message ids, business-scoped
 * user ids), and assertions that none of them appears in a text: a table's string columns, the
 * CLI's output, the captured log.
 */
public final class PrivacyScan {
  private static final Pattern DIGIT_RUNS = Pattern.compile("\\d{8,}");
  private static final Pattern WAMIDS = Pattern.compile("wamid\\.[A-Za-z0-9_=+/-]{6,}");
  private static final Pattern BSUIDS = Pattern.compile("\\b[A-Z]{2}\\.(?:ENT\\.)?\\d{6,}\\b");

  private final Set<String> phones = new HashSet<>();
  private final Set<String> names = new HashSet<>();
  private final Set<String> ids = new HashSet<>();

  /** The identifiers of every log file under {@code folder} (plain or gzip). */
  public static PrivacyScan of(Path folder) throws IOException {
    PrivacyScan scan = new PrivacyScan();
    String text = readLogs(folder);
    InputIdentifiers.collect(text, scan.phones, scan.names);
    collect(WAMIDS, text, scan.ids);
    collect(BSUIDS, text, scan.ids);
    return scan;
  }

  private static void collect(Pattern pattern, String text, Set<String> into) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      into.add(m.group());
    }
  }

  public int phoneCount() {
    return phones.size();
  }

  public int idCount() {
    return ids.size();
  }

  public void assertAbsentFrom(String where, String text) {
    Matcher digits = DIGIT_RUNS.matcher(text);
    while (digits.find()) {
      assertFalse(phones.contains(digits.group()), where + " holds a phone number of the input");
    }
    for (String name : names) {
      assertFalse(text.contains(name), where + " holds a profile name of the input: " + name);
    }
    Set<String> found = new HashSet<>();
    collect(WAMIDS, text, found);
    collect(BSUIDS, text, found);
    found.retainAll(ids);
    assertFalse(!found.isEmpty(), where + " holds message or user ids of the input: " + found);
  }

  /** The values of every string and array column of a table, one row per line. */
  public static String stringColumns(Dataset<Row> table) {
    List<String> columns = new ArrayList<>();
    for (StructField field : table.schema().fields()) {
      if (field.dataType().equals(DataTypes.StringType) || field.dataType() instanceof ArrayType) {
        columns.add(field.name());
      }
    }
    StringBuilder text = new StringBuilder();
    if (columns.isEmpty()) {
      return "";
    }
    for (Row row : table.selectExpr(columns.toArray(new String[0])).collectAsList()) {
      text.append(row.mkString("|")).append('\n');
    }
    return text.toString();
  }

  public static String readLogs(Path folder) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/_") && !f.getFileName().toString().startsWith(".")).sorted().toList()) {
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
          all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return all.toString();
  }
}

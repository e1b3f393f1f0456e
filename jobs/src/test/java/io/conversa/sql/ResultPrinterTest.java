package io.conversa.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {
  @Test
  void csvQuotesOnlyWhatNeedsQuoting() {
    assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",", ResultPrinter.csvLine(List.of("a", "b,c", "say \"hi\"", "")));
    assertEquals("\"two\nlines\"", ResultPrinter.csvLine(List.of("two\nlines")));
  }

  @Test
  void jsonLinesKeepNullFields() {
    java.io.StringWriter text = new java.io.StringWriter();
    long rows = new ResultPrinter(new java.io.PrintWriter(text), 10)
        .print(io.conversa.testing.SharedSpark.session().sql("SELECT 1 AS `a.b`, CAST(NULL AS STRING) AS c"), ResultFormat.JSON);
    assertEquals(1, rows);
    assertEquals("{\"a.b\":1,\"c\":null}", text.toString().strip());
  }

  @Test
  void csvWritesArraysMapsAndStructsAsJson() {
    java.io.StringWriter text = new java.io.StringWriter();
    long rows = new ResultPrinter(new java.io.PrintWriter(text), 10).print(io.conversa.testing.SharedSpark.session().sql(
        "SELECT array('sent', 'revenue') AS withheld, map('BRL', 2) AS amounts, named_struct('k', 1) AS s, 'x' AS plain"), ResultFormat.CSV);
    assertEquals(1, rows);
    assertEquals(List.of("withheld,amounts,s,plain", "\"[\"\"sent\"\",\"\"revenue\"\"]\",\"{\"\"BRL\"\":2}\",\"{\"\"k\"\":1}\",x"),
        text.toString().lines().toList());
  }
}

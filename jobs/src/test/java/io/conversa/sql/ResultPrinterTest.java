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
}

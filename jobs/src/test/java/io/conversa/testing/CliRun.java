package io.conversa.testing;

import io.conversa.cli.Conversa;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a conversa command line in this JVM and keeps what it printed. */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Conversa.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs a command line that reads {@code stdin} (the sql REPL), with System.in set to it meanwhile. */
  public static synchronized CliRun withInput(String stdin, String... args) {
    java.io.InputStream before = System.in;
    System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      return of(args);
    } finally {
      System.setIn(before);
    }
  }

  public String all() {
    return out + err;
  }
}

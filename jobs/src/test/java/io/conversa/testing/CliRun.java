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

  public String all() {
    return out + err;
  }
}

package io.conversa.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The CLI's only way to the terminal: results and the one-line summary to standard output,
 * progress to standard error, so {@code conversa sql --format csv > out.csv} stays clean.
 */
final class Console {
  private final PrintWriter out;
  private final PrintWriter err;

  Console(CommandSpec spec) {
    this.out = spec.commandLine().getOut();
    this.err = spec.commandLine().getErr();
  }

  void result(String line) {
    out.println(line);
    out.flush();
  }

  void progress(String line) {
    err.println(line);
    err.flush();
  }

  PrintWriter out() {
    return out;
  }
}

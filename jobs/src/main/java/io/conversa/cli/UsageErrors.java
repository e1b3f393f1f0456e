package io.conversa.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * Wrong flags, said without the value that was wrong: a flag's value may be a person's phone
 * number or e-mail ({@code --phone}, a misplaced argument), and picocli's own messages quote it.
 * An error names the flag and the form it takes; the usage follows; the exit code is 2.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
  /** Option names as people type them: only these are safe to repeat back. */
  private static final java.util.regex.Pattern OPTION_NAME = java.util.regex.Pattern.compile("--?[a-z][a-z0-9-]{0,40}");

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    cmd.getErr().println("conversa " + cmd.getCommandName() + ": " + describe(ex));
    cmd.usage(cmd.getErr());
    return 2;
  }

  static String describe(ParameterException ex) {
    if (ex instanceof CommandLine.MissingParameterException missing) {
      // Made from the command's own option names and labels: nothing the user typed.
      return missing.getMessage();
    }
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
      return unmatched(unmatched);
    }
    ArgSpec spec = ex.getArgSpec();
    if (spec == null) {
      return ex.getMessage(); // conversa's own, or picocli's about the command's structure
    }
    if (ex instanceof CommandLine.OverwrittenOptionException) {
      return nameOf(spec) + " is given more than once; it takes one value.";
    }
    return nameOf(spec) + " takes " + formOf(spec) + "; see the usage below.";
  }

  private static String unmatched(CommandLine.UnmatchedArgumentException unmatched) {
    List<String> arguments = unmatched.getUnmatched();
    String first = arguments.isEmpty() ? "" : arguments.get(0);
    String what = OPTION_NAME.matcher(first).matches() ? "unknown option " + first
        : arguments.size() + " unexpected argument" + (arguments.size() == 1 ? "" : "s") + " (values are not repeated here)";
    List<String> suggestions = unmatched.getSuggestions();
    return what + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?")
        + " A value with spaces must be quoted.";
  }

  private static String nameOf(ArgSpec spec) {
    if (spec instanceof OptionSpec option) {
      return option.longestName();
    }
    return "argument " + (((PositionalParamSpec) spec).index().min() + 1);
  }

  /** What a value of this option looks like, from its type and label. */
  static String formOf(ArgSpec spec) {
    Class<?> type = spec.type();
    if (spec.isOption() && ((OptionSpec) spec).arity().max() == 0) {
      return "no value";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number (" + spec.paramLabel() + ")";
    }
    if (type == double.class || type == Double.class) {
      return "a number such as 0.05 (" + spec.paramLabel() + ")";
    }
    if (type == LocalDate.class) {
      return "a date as YYYY-MM-DD";
    }
    if (type == Duration.class) {
      return "a duration: a number and a unit, e.g. 90m, 24h or 7d";
    }
    if (type == Path.class) {
      return "a path (" + spec.paramLabel() + ")";
    }
    return spec.paramLabel();
  }
}

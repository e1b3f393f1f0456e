package io.conversa.cli;

import io.conversa.common.ConversaException;
import io.conversa.privacy.FileNames;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code conversa}: the one entry point, locally through bin/conversa and on a cluster as
 * {@code spark-submit --class io.conversa.cli.Conversa conversa-spark.jar <command> ...}.
 */
@Command(
    name = "conversa",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Privacy-preserving WhatsApp Business conversation and conversion analytics on Spark and Delta Lake.",
    subcommands = {
      DemoCommand.class,
      GenerateCommand.class,
      IngestCommand.class,
      RefineCommand.class,
      AggregateCommand.class,
      AuditCommand.class,
      RunCommand.class,
      ReportCommand.class,
      RegisterCommand.class,
      SqlCommand.class,
      QuarantineCommand.class,
      EraseCommand.class,
      MaintainCommand.class,
      KeygenCommand.class,
      BenchCommand.class
    })
public final class Conversa implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    SecretEnvironment.dropUnlessNeeded(args);
    int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    System.exit(code);
  }

  /** Runs a command line and answers its exit code: 0 done, 1 the run failed, 2 bad usage. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new Conversa());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(new UsageErrors());
    // @file would read a file's lines as arguments, and a wrong one would be quoted back.
    commandLine.setExpandAtFiles(false);
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          ConversaException known = findConversaException(e);
          if (known != null) {
            // Errors name files, never values; a file's name may still hold a number or an e-mail.
            cmd.getErr().println("conversa " + cmd.getCommandName() + ": " + FileNames.shown(known.getMessage()));
            return known.exitCode();
          }
          Throwable conflict = deltaConflict(e);
          if (conflict != null) {
            cmd.getErr().println("conversa " + cmd.getCommandName() + ": another writer committed to a table of this lake while this run"
                + " wrote it (Delta's " + conflict.getClass().getSimpleName() + "); conversa commands take turns on a lake through its lease,"
                + " so something else writes it (a notebook, a job, another tool).\n  fix: rerun (every stage is idempotent); let"
                + " conversa be the only writer of its tables.");
            return 1;
          }
          cmd.getErr().println(
              "conversa " + cmd.getCommandName() + ": the run failed: " + describe(e)
                  + "\n  fix: rerun is safe (every stage is idempotent); CONVERSA_DEBUG=1 shows the stack trace.");
          if (System.getenv("CONVERSA_DEBUG") != null) {
            org.apache.logging.log4j.LogManager.getLogger(Conversa.class).error("stack trace", e);
          }
          return 1;
        });
    return commandLine.execute(args);
  }

  /**
   * A failed Spark job ({@link org.apache.spark.SparkException}) carries its task's error, which
   * can quote row data, so only its type is shown; driver-side errors (analysis, Delta, I/O) name
   * tables, columns and paths, so their first line is shown.
   */
  private static String describe(Exception e) {
    String message = e.getMessage();
    if (e instanceof org.apache.spark.SparkException || message == null || message.isBlank()) {
      return e.getClass().getName();
    }
    return e.getClass().getSimpleName() + ": " + FileNames.shown(message.lines().findFirst().orElse(""));
  }

  /** Delta's optimistic concurrency refused a commit (ConcurrentAppendException and its kin). */
  private static Throwable deltaConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.delta.exceptions.DeltaConcurrentModificationException) {
        return t;
      }
    }
    return null;
  }

  private static ConversaException findConversaException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConversaException known) {
        return known;
      }
    }
    return null;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}

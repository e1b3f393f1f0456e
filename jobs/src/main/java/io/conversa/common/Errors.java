package io.conversa.common;

/**
 * Every user-facing error is made here, so each one says what went wrong, why, and what to do
 * next, in the same voice.
 */
public final class Errors {
  private Errors() {}

  public static ConversaException usage(String problem, String fix) {
    return new ConversaException(problem + "\n  fix: " + fix, 2, null);
  }

  public static ConversaException runFailed(String problem, String fix, Throwable cause) {
    return new ConversaException(problem + "\n  fix: " + fix, 1, cause);
  }

  public static ConversaException missingKey() {
    return usage(
        "no pseudonymisation key: conversa will not write identifiers in the clear.",
        "pass --key-file FILE (make one with `conversa keygen --out FILE`) or set CONVERSA_KEY.");
  }

  public static ConversaException badKeyFile(String source, int line, String expected) {
    return usage(
        "key " + source + " line " + line + " is not a key: expected " + expected + ".",
        "make a fresh key file with `conversa keygen --out FILE`.");
  }

  public static ConversaException unreadableFile(String what, String path, Exception cause) {
    return new ConversaException(
        "cannot read " + what + " " + path + ": " + cause.getClass().getSimpleName()
            + "\n  fix: check that the file exists and is readable.",
        2,
        cause);
  }

  public static ConversaException noInput(String path) {
    return usage(
        "input " + path + " does not exist.",
        "pass --input with a folder (or file) of webhook log files (*.jsonl, *.jsonl.gz).");
  }
}

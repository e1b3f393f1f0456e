package io.conversa.common;

/**
 * A failure a user can act on. The message states the problem, why it happened and how to fix
 * it; it never quotes input content, so no identifier can leak through it.
 */
public class ConversaException extends RuntimeException {
  private final int exitCode;

  ConversaException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** 2 for bad usage or configuration, 1 for a failed run. */
  public int exitCode() {
    return exitCode;
  }
}

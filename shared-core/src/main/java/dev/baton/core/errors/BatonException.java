package dev.baton.core.errors;

/**
 * A failure Baton explains to its user; each kind maps to one exit code and is printed without a
 * stack trace.
 */
public abstract class BatonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected BatonException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The process exit code this failure ends a command-line run with. */
  public abstract int exitCode();
}

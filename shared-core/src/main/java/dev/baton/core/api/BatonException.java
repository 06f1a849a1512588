package dev.baton.core.api;

import org.jspecify.annotations.Nullable;

/**
 * A failure Baton explains to its user; each kind maps to one exit code and is printed without a
 * stack trace.
 */
public abstract class BatonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String message;

  protected BatonException(String message, @Nullable Throwable cause) {
    super(message, cause);
    this.message = message;
  }

  /** What is wrong and how to fix it; never null. */
  @Override
  public String getMessage() {
    return message;
  }

  /** The process exit code this failure ends a command-line run with. */
  public abstract int exitCode();
}

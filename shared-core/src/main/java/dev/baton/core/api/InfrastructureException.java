package dev.baton.core.api;

import org.jspecify.annotations.Nullable;

/**
 * Something outside the pipeline failed: no agent can run a step, an engine does not answer, a disk
 * is full. Exit 3.
 */
public final class InfrastructureException extends BatonException {
  private static final long serialVersionUID = 1L;

  public InfrastructureException(String message) {
    super(message, null);
  }

  public InfrastructureException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return ExitCodes.INFRASTRUCTURE;
  }
}

package dev.baton.core.errors;

import org.jspecify.annotations.Nullable;

/**
 * Something outside the pipeline failed: no agent can run a step, an engine does not answer, a disk
 * is full.
 */
public final class InfrastructureException extends BatonException {
  private static final long serialVersionUID = 1L;

  public InfrastructureException(String message) {
    super(message, Fix.NONE, null);
  }

  public InfrastructureException(String message, @Nullable Throwable cause) {
    super(message, Fix.NONE, cause);
  }

  public InfrastructureException(String problem, Fix fix, @Nullable Throwable cause) {
    super(problem, fix, cause);
  }
}

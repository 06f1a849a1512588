package dev.baton.core.record;

/**
 * Where a step (or one attempt of it) stands. Each state knows whether it is final and whether it
 * lets dependents run.
 */
public enum StepState {
  PENDING(false, false),
  QUEUED(false, false),
  RUNNING(false, false),
  SUCCEEDED(true, true),
  CACHED(true, true),
  FAILED(true, false),
  TIMED_OUT(true, false),
  CANCELLED(true, false),
  SKIPPED(true, false),
  LOST(true, false);

  private final boolean terminal;
  private final boolean successful;

  StepState(boolean terminal, boolean successful) {
    this.terminal = terminal;
    this.successful = successful;
  }

  /** No further change will happen to a step in this state. */
  public boolean isTerminal() {
    return terminal;
  }

  /** Dependents may run: the step produced what it promised. */
  public boolean isSuccessful() {
    return successful;
  }

  /** An attempt that ended this way may be tried again when the retry policy allows it. */
  public boolean isRetriable() {
    return this == FAILED || this == TIMED_OUT || this == LOST;
  }
}

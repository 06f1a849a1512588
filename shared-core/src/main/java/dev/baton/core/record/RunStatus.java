package dev.baton.core.record;

/** The outcome of a whole run. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  /** The run's own time limit (top-level {@code timeout}) passed before it ended. */
  TIMED_OUT
}

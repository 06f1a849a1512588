package dev.baton.core.state;

/** The outcome of a whole run. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED
}

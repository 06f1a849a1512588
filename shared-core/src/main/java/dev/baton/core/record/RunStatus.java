package dev.baton.core.record;

/** The outcome of a whole run. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED
}

package dev.baton.core.engine;

/** A deadline on the engine thread: a timeout check or a retry coming due. */
final class EngineTimer implements Comparable<EngineTimer> {
  final long at;
  final boolean retry;
  final Runnable action;

  EngineTimer(long at, boolean retry, Runnable action) {
    this.at = at;
    this.retry = retry;
    this.action = action;
  }

  @Override
  public int compareTo(EngineTimer o) {
    return Long.compare(at, o.at);
  }
}

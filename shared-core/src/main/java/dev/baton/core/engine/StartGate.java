package dev.baton.core.engine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a cancellation meets step starts. The engine applies a cancel on its own thread, after
 * whatever it was already handling — an exit that promotes and dispatches dependants, say — so the
 * request itself is recorded here at once, from any thread, and every start goes through this gate:
 * once {@link #close()} has returned no step starts but a cleanup step (one whose {@code when}
 * calls {@code always()}, {@code failure()} or {@code cancelled()}), and none at all once {@link
 * #abort()} has; the run counts as cancelled even if every step then finishes.
 */
final class StartGate {
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;
  private volatile boolean aborted;

  /**
   * Lets no step start from now on; waits for a start under way (it is then stopped with the rest).
   * Any thread.
   */
  void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  /** Lets not even cleanup steps start from now on: the run was stopped a second time. */
  void abort() {
    lock.lock();
    try {
      closed = true;
      aborted = true;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a cancel was asked for. */
  boolean closed() {
    return closed;
  }

  /**
   * Runs {@code start} unless the gate is closed (for a {@code cleanup} step: aborted), so that no
   * close happens halfway through it.
   */
  boolean startIfOpen(boolean cleanup, Runnable start) {
    lock.lock();
    try {
      if (cleanup ? aborted : closed) {
        return false;
      }
      start.run();
      return true;
    } finally {
      lock.unlock();
    }
  }
}

package dev.baton.core.engine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a cancellation meets step starts. The engine applies a cancel on its own thread, after
 * whatever it was already handling — an exit that promotes and dispatches dependants, say — so the
 * request itself is recorded here at once, from any thread, and every start goes through this gate:
 * once {@link #close()} has returned no step starts, and the run counts as cancelled even if every
 * step then finishes.
 */
final class StartGate {
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;

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

  /** Whether a cancel was asked for. */
  boolean closed() {
    return closed;
  }

  /** Runs {@code start} unless the gate is closed, so that no close happens halfway through it. */
  boolean startIfOpen(Runnable start) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      start.run();
      return true;
    } finally {
      lock.unlock();
    }
  }
}

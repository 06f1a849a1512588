package dev.baton.core.resilience;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops calling something that keeps failing: after {@code threshold} failures in a row the breaker
 * opens and refuses calls for {@code openFor}; then one trial call is let through (half-open) and
 * its outcome closes or re-opens the breaker. Thread-safe.
 */
public final class CircuitBreaker {
  /** The breaker's state. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final long openForNanos;
  private final LongSupplier clock;
  private int failuresInARow;
  private long openedAt;
  private State state = State.CLOSED;

  public CircuitBreaker(int threshold, Duration openFor) {
    this(threshold, openFor, System::nanoTime);
  }

  /** A breaker reading time from {@code nanoClock}, for tests. */
  public CircuitBreaker(int threshold, Duration openFor, LongSupplier nanoClock) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1");
    }
    this.threshold = threshold;
    this.openForNanos = openFor.toNanos();
    this.clock = nanoClock;
  }

  /** True when a call may go ahead now; an open breaker past its wait lets one trial through. */
  public synchronized boolean allow() {
    if (state == State.OPEN && clock.getAsLong() - openedAt >= openForNanos) {
      state = State.HALF_OPEN;
      return true;
    }
    return state == State.CLOSED;
  }

  public synchronized void onSuccess() {
    failuresInARow = 0;
    state = State.CLOSED;
  }

  public synchronized void onFailure() {
    failuresInARow++;
    if (state == State.HALF_OPEN || failuresInARow >= threshold) {
      state = State.OPEN;
      openedAt = clock.getAsLong();
    }
  }

  public synchronized State state() {
    return state;
  }
}

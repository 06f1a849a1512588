package dev.baton.core.engine;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The engine thread's inbox: signals posted from any thread (process exits, cancellation) and
 * timers (timeouts, retries coming due), all run on the engine thread, so its state needs no locks.
 */
final class EngineLoop {
  private final LinkedBlockingQueue<Runnable> signals = new LinkedBlockingQueue<>();
  private final PriorityQueue<EngineTimer> timers = new PriorityQueue<>();

  /** Runs {@code action} on the engine thread, after what was posted before it. Any thread. */
  void post(Runnable action) {
    signals.add(action);
  }

  /** Runs {@code action} on the engine thread after {@code delay}. Engine thread only. */
  void after(Duration delay, boolean retry, Runnable action) {
    timers.add(new EngineTimer(System.nanoTime() + delay.toNanos(), retry, action));
  }

  boolean noTimers() {
    return timers.isEmpty();
  }

  boolean retryPending() {
    return timers.stream().anyMatch(t -> t.retry);
  }

  void dropRetries() {
    timers.removeIf(t -> t.retry);
  }

  /**
   * Waits for the next signal or timer (at most a second) and runs everything that is due.
   *
   * @throws InterruptedException when the engine thread is interrupted
   */
  void runNext() throws InterruptedException {
    EngineTimer next = timers.peek();
    long waitMs = next == null ? 1000 : Math.max(0, next.at - System.nanoTime()) / 1_000_000;
    Runnable s = signals.poll(waitMs, TimeUnit.MILLISECONDS);
    if (s != null) {
      s.run();
      for (Runnable more = signals.poll(); more != null; more = signals.poll()) {
        more.run();
      }
    }
    long now = System.nanoTime();
    while (!timers.isEmpty() && timers.peek().at <= now) {
      timers.poll().action.run();
    }
  }
}

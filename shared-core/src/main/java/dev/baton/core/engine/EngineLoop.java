package dev.baton.core.engine;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The engine thread's inbox: signals posted from any thread (process exits, cancellation) and
 * timers (timeouts, retries coming due), all run on the engine thread, so its state needs no locks.
 */
final class EngineLoop {
  private final LinkedBlockingQueue<Runnable> signals = new LinkedBlockingQueue<>();
  private final PriorityQueue<EngineTimer> timers = new PriorityQueue<>();
  // Kept apart from the timers: a run's deadline does not keep a stuck step waiting for it.
  private @Nullable EngineTimer deadline;

  /** Runs {@code action} on the engine thread, after what was posted before it. Any thread. */
  void post(Runnable action) {
    signals.add(action);
  }

  /** Runs {@code action} on the engine thread after {@code delay}. Engine thread only. */
  void after(Duration delay, boolean retry, Runnable action) {
    timers.add(new EngineTimer(System.nanoTime() + delay.toNanos(), retry, action));
  }

  /** Runs {@code action} on the engine thread once {@code delay} has passed. Engine thread only. */
  void deadline(Duration delay, Runnable action) {
    deadline = new EngineTimer(System.nanoTime() + delay.toNanos(), false, action);
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
    if (deadline != null && (next == null || deadline.at < next.at)) {
      next = deadline;
    }
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
    if (deadline != null && deadline.at <= now) {
      EngineTimer due = deadline;
      deadline = null;
      due.action.run();
    }
  }
}

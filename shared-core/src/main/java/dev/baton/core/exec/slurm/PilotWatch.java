package dev.baton.core.exec.slurm;

import dev.baton.core.os.DaemonThreads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows the attempts the pilots run: looks for their exit files every {@value #POLL_MILLIS} ms (a
 * file check, no Slurm call), asks Slurm every few seconds whether their allocations still run (an
 * attempt whose allocation ended without its exit file was lost), and tells each pilot once a
 * minute that Baton still runs.
 */
final class PilotWatch implements AutoCloseable {
  static final long POLL_MILLIS = 10;
  private static final long ALIVE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(3);
  private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Allocations allocations;
  private final ExecutorService threads;
  private final Set<PilotAttempt> active = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean checking = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("baton-slurm-pilots"));
  private long lastAliveCheck = System.nanoTime();
  private long lastBeat = System.nanoTime();

  PilotWatch(Allocations allocations, ExecutorService threads) {
    this.allocations = allocations;
    this.threads = threads;
  }

  void watch(PilotAttempt attempt) {
    active.add(attempt);
    // The first attempt starts the looks: a run in job mode never pays for them.
    if (running.compareAndSet(false, true)) {
      var unused = timer.scheduleWithFixedDelay(this::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void poll() {
    try {
      active.removeIf(PilotAttempt::checkEnded);
      long now = System.nanoTime();
      if (!active.isEmpty()
          && now - lastAliveCheck > ALIVE_CHECK_NANOS
          && checking.compareAndSet(false, true)) {
        lastAliveCheck = now;
        threads.execute(this::checkAllocations);
      }
      if (now - lastBeat > HEARTBEAT_NANOS) {
        lastBeat = now;
        allocations.pilots().forEach(Pilot::heartbeat);
      }
    } catch (RuntimeException e) {
      // a failed look is retried on the next poll; the timer must keep running
    }
  }

  private void checkAllocations() {
    try {
      Set<String> ids = ConcurrentHashMap.newKeySet();
      active.forEach(a -> ids.add(a.jobId()));
      for (String id : ids) {
        if (!id.isEmpty() && allocations.gone(id)) {
          for (PilotAttempt a : active) {
            if (a.jobId().equals(id)) {
              a.allocationGone();
            }
          }
        }
      }
      active.removeIf(a -> a.exit().isDone());
    } finally {
      checking.set(false);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

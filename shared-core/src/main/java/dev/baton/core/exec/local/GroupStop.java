package dev.baton.core.exec.local;

import dev.baton.core.errors.InfrastructureException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stopping one attempt's process group: TERM at once, then KILL to the group once the grace period
 * is over if any process of it is left — whether or not its leader still lives, since children that
 * ignore TERM outlive a leader that does not (a GPU job left so holds its GPU memory).
 *
 * <p>An attempt that is being stopped ends, for Baton, only once its group is empty: until then it
 * is neither recorded, nor are its GPUs handed to another step, nor does Baton exit. The group is
 * watched every {@link #POLL} so a group that obeys TERM ends at once.
 */
final class GroupStop {
  static final Duration POLL = Duration.ofMillis(50);
  // A process the KILL cannot end at once (in uninterruptible sleep on a hung file system) does not
  // hold the run up longer than this after the KILL; it is reported nowhere, as the kernel keeps
  // it.
  private static final Duration AFTER_KILL = Duration.ofSeconds(2);

  /** How the group is signalled and watched; differs by how the attempt was started. */
  interface Group {
    /** Sends TERM or KILL ({@code "TERM"}, {@code "KILL"}) to every process of the group. */
    void signal(String signal);

    /** Whether any process of the group is left (zombies, which hold nothing, aside). */
    boolean anyLeft();
  }

  // Once nothing of the group is left, its leader's exit is due at once; a launcher that lost it
  // must not hold the run for ever: the attempt ends as lost after this.
  static final Duration REPORT_BOUND = Duration.ofSeconds(10);

  private final AtomicBoolean begun = new AtomicBoolean();
  private final CompletableFuture<Void> over = new CompletableFuture<>();
  private final Duration reportBound;

  GroupStop() {
    this(REPORT_BOUND);
  }

  /**
   * A stop that waits at most {@code reportBound} for the leader's exit once the group is empty.
   */
  GroupStop(Duration reportBound) {
    this.reportBound = reportBound;
  }

  /**
   * TERM to the group now, KILL after {@code grace} if anything of it is left; completes {@link
   * #over()} once nothing is. Only the first call acts.
   */
  void begin(Group group, Duration grace, ScheduledExecutorService killer) {
    if (!begun.compareAndSet(false, true)) {
      return;
    }
    long killAt = System.nanoTime() + grace.toNanos();
    long giveUpAt = killAt + AFTER_KILL.toNanos();
    AtomicBoolean killed = new AtomicBoolean();
    group.signal("TERM");
    Runnable check =
        () -> {
          try {
            long now = System.nanoTime();
            if (!group.anyLeft() || now - giveUpAt >= 0) {
              over.complete(null);
            } else if (now - killAt >= 0 && killed.compareAndSet(false, true)) {
              group.signal("KILL");
            }
          } catch (RuntimeException e) {
            // The group cannot be watched any more (its job shell is gone): KILL it and let go.
            killNow(group);
          }
        };
    try {
      ScheduledFuture<?> watch =
          killer.scheduleWithFixedDelay(
              check, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
      var unused = over.whenComplete((v, e) -> watch.cancel(false));
    } catch (RejectedExecutionException e) {
      // The executor is closed: no grace can be waited for.
      killNow(group);
    }
  }

  /** KILL at once, and the stop is over whether or not the signal could be sent. */
  private void killNow(Group group) {
    try {
      group.signal("KILL");
    } catch (RuntimeException e) {
      // nothing more can be done for it
    } finally {
      over.complete(null);
    }
  }

  /** Completes once a begun stop has left nothing of the group; never if none was begun. */
  CompletableFuture<Void> over() {
    return over;
  }

  /**
   * {@code leaderExit}, held back while a stop is under way until the group is empty: what the
   * attempt's {@code exit()} hands the engine.
   */
  <T> CompletableFuture<T> heldUntilOver(CompletableFuture<T> leaderExit) {
    CompletableFuture<T> exit =
        leaderExit.thenCompose(
            status ->
                begun.get()
                    ? over.thenApply(v -> status)
                    : CompletableFuture.completedFuture(status));
    // Nothing waits on this: it only arms the bound, and exit carries any failure.
    CompletableFuture<Void> unused =
        over.thenRun(
            () ->
                CompletableFuture.delayedExecutor(reportBound.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> exit.completeExceptionally(unreported())));
    return exit;
  }

  private InfrastructureException unreported() {
    return new InfrastructureException(
        "the step was stopped but its end was not reported within "
            + reportBound.toSeconds()
            + " s of its processes ending; it is recorded as lost and the run goes on without it"
            + " (the local launcher lost its exit status)");
  }
}

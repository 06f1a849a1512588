package dev.baton.core.engine;

import dev.baton.core.descriptor.Durations;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.StepState;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The run's own time limit (the descriptor's top-level {@code timeout}, or the front end's): when
 * it passes, running steps are stopped as their own timeout stops them and end TIMED_OUT, steps not
 * started are cancelled, and the run ends TIMED_OUT.
 *
 * <p>Cleanup steps ({@code always()}, {@code failure()}, {@code cancelled()}) are not stopped by
 * it: {@code keepsRunning} exempts those running, and the engine's cancel path, which it calls,
 * lets those not started run once their needs have ended, each under its own time limit (see {@link
 * ConditionGate}). {@link #passed()} tells the engine the run timed out.
 */
final class RunDeadline {
  private final Optional<Duration> limit;
  private final EventSink events;
  private boolean passed;

  RunDeadline(Optional<Duration> limit, EventSink events) {
    this.limit = limit;
    this.events = events;
  }

  /**
   * Sets the limit on {@code loop}, counted from now. When it passes and the run is not stopping
   * already ({@code stopping}), marks each running step as stopped by it, but those that {@code
   * keepsRunning}, and calls {@code stopAll}, the engine's cancel.
   */
  void arm(
      EngineLoop loop,
      Collection<StepRun> runs,
      BooleanSupplier stopping,
      Predicate<StepRun> keepsRunning,
      Runnable stopAll) {
    limit.ifPresent(l -> loop.deadline(l, () -> expire(l, runs, stopping, keepsRunning, stopAll)));
  }

  private void expire(
      Duration l,
      Collection<StepRun> runs,
      BooleanSupplier stopping,
      Predicate<StepRun> keepsRunning,
      Runnable stopAll) {
    if (stopping.getAsBoolean() || runs.stream().allMatch(r -> r.state.isTerminal())) {
      return;
    }
    passed = true;
    events.accept(
        new RunEvent.Notice(
            RunEvent.Level.WARNING,
            "the run's timeout of "
                + Durations.human(l)
                + " passed: stopping the running steps, cancelling the others"));
    for (StepRun r : runs) {
      if (r.state == StepState.RUNNING && !keepsRunning.test(r)) {
        r.runTimedOut = l;
      }
    }
    stopAll.run();
  }

  /** Whether the limit passed before the run ended. */
  boolean passed() {
    return passed;
  }
}

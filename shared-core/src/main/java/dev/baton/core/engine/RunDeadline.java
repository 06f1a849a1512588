package dev.baton.core.engine;

import dev.baton.core.descriptor.Durations;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.StepState;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The run's own time limit (the descriptor's top-level {@code timeout}, or the front end's): when
 * it passes, running steps are stopped as their own timeout stops them and end TIMED_OUT, steps not
 * started are cancelled, and the run ends TIMED_OUT.
 *
 * <p>Hook for cleanup steps ({@code always()}): {@link #expire} stops everything through the
 * engine's cancel path, so a step that must run after a run timeout is to be exempted where that
 * path cancels steps not started, and given its own time limit, as after a cancel. {@link
 * #passed()} tells it the run timed out.
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
   * already ({@code stopping}), marks each running step as stopped by it and calls {@code stopAll},
   * the engine's cancel.
   */
  void arm(EngineLoop loop, Collection<StepRun> runs, BooleanSupplier stopping, Runnable stopAll) {
    limit.ifPresent(l -> loop.deadline(l, () -> expire(l, runs, stopping, stopAll)));
  }

  private void expire(
      Duration l, Collection<StepRun> runs, BooleanSupplier stopping, Runnable stopAll) {
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
      if (r.state == StepState.RUNNING) {
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

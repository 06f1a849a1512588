package dev.baton.core.engine;

import dev.baton.core.record.StepState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Whether a step's needs let it run, and if not, which need stopped it. A step runs by default when
 * every step it needs, directly or not, succeeded (GitHub Actions' {@code success()}): a need that
 * ran on a status function ({@code always()} after a failure, say) passes the failure above it on.
 */
final class Dependencies {
  private Dependencies() {}

  enum Readiness {
    WAITING,
    READY,
    BLOCKED
  }

  /**
   * {@code r}'s readiness: BLOCKED as soon as an ended need, or a step above it, did not succeed;
   * READY when every need ended well. {@code ranOnStatus} tells the steps whose {@code when} calls
   * a status function: only through them can a failure above a need that succeeded hide.
   */
  static Readiness readiness(StepRun r, Map<String, StepRun> runs, Predicate<StepRun> ranOnStatus) {
    boolean all = true;
    for (String need : r.step.needs()) {
      StepRun n = runs.get(need);
      if (n == null) {
        continue; // not selected: assumed done by an earlier run
      }
      if (!n.state.isTerminal()) {
        all = false;
      } else if (troubleAt(n, runs, ranOnStatus) != null) {
        return Readiness.BLOCKED;
      }
    }
    return all ? Readiness.READY : Readiness.WAITING;
  }

  /** A step allowed to fail ({@code continueOnError}) that ran and did not succeed. */
  static boolean allowedFailure(StepRun n) {
    return n.step.continueOnError()
        && (n.state == StepState.FAILED
            || n.state == StepState.TIMED_OUT
            || n.state == StepState.LOST);
  }

  /** Whether {@code n} ended in a way its dependents count as success. */
  static boolean endedWell(StepRun n) {
    return n.state.isSuccessful() || allowedFailure(n);
  }

  /** Whether {@code n} failed: FAILED, TIMED_OUT or LOST, and not allowed to. */
  static boolean failed(StepRun n) {
    return (n.state == StepState.FAILED
            || n.state == StepState.TIMED_OUT
            || n.state == StepState.LOST)
        && !allowedFailure(n);
  }

  /**
   * The ended step, {@code n} itself or one above it through steps that ran on a status function,
   * that did not end well; null when there is none.
   */
  static @Nullable StepRun troubleAt(
      StepRun n, Map<String, StepRun> runs, Predicate<StepRun> ranOnStatus) {
    if (!endedWell(n)) {
      return n;
    }
    if (!ranOnStatus.test(n)) {
      return null; // it ran only because everything above it ended well
    }
    for (StepRun above : above(n, runs)) {
      if (above.state.isTerminal() && !endedWell(above)) {
        return above;
      }
    }
    return null;
  }

  /** Every step {@code r} needs, directly or not, that this run has. */
  static Set<StepRun> above(StepRun r, Map<String, StepRun> runs) {
    Set<StepRun> seen = new HashSet<>();
    Deque<StepRun> todo = new ArrayDeque<>(Set.of(r));
    while (!todo.isEmpty()) {
      for (String need : todo.pop().step.needs()) {
        StepRun n = runs.get(need);
        if (n != null && seen.add(n)) {
          todo.push(n);
        }
      }
    }
    return seen;
  }

  static String blockedBy(StepRun r, Map<String, StepRun> runs, Predicate<StepRun> ranOnStatus) {
    for (String need : r.step.needs()) {
      StepRun n = runs.get(need);
      StepRun trouble = n == null || !n.state.isTerminal() ? null : troubleAt(n, runs, ranOnStatus);
      if (trouble != null) {
        return "needs "
            + trouble.id()
            + (trouble == n ? "" : " (through " + need + ")")
            + ", which "
            + (trouble.state == StepState.SKIPPED ? "was skipped" : "ended " + trouble.state);
      }
    }
    return "a needed step did not succeed";
  }
}

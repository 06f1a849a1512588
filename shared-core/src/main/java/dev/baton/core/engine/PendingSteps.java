package dev.baton.core.engine;

import dev.baton.core.record.StepState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Which pending steps may be decided now, so that a step's end costs its dependents, not a walk of
 * the whole run (Kahn's algorithm): an index of each step's direct dependents and, per step, the
 * count of its needs that have not ended. A step is offered to the {@link ConditionGate} when that
 * count reaches zero, or as soon as an ended need stops it; offered steps are decided in the run's
 * order, as a walk of every step in order would decide them.
 *
 * <p>Two cases look further than direct needs, as {@link Dependencies} does. A step whose {@code
 * when} calls a status function waits for every step above it: once its direct needs have ended,
 * the steps above it still running are counted ({@link #ancestorsEnded}) and it is offered when the
 * last of them ends. And a need that ran on a status function passes on a failure above it ({@link
 * Dependencies#troubleAt}); such a need that ended before a step above it (one restored by a
 * resume) is watched by the steps above it, so that their end is seen below it.
 */
final class PendingSteps {
  private final Map<String, StepRun> runs;
  private final Predicate<StepRun> onStatus;
  private final PriorityQueue<StepRun> candidates =
      new PriorityQueue<>(Comparator.comparingInt(r -> r.position));
  // Status steps counting down the steps above them that have not ended, by those steps.
  private final Map<StepRun, List<StepRun>> waiters = new HashMap<>();
  // Ended steps that ran on a status function, by the steps above them that have not ended.
  private final Map<StepRun, List<StepRun>> watchers = new HashMap<>();

  PendingSteps(Map<String, StepRun> runs, Predicate<StepRun> onStatus) {
    this.runs = runs;
    this.onStatus = onStatus;
  }

  /**
   * Indexes the run's steps afresh, at the start and after a dynamic step added cells (which
   * changes who needs whom): every pending step is offered again.
   */
  void index() {
    candidates.clear();
    waiters.clear();
    watchers.clear();
    int position = 0;
    for (StepRun r : runs.values()) {
      r.position = position++;
      r.dependents = List.of();
      r.unfinishedNeeds = 0;
      r.needBlocked = false;
      r.ancestorsLeft = 0;
      r.candidate = false;
    }
    Map<StepRun, List<StepRun>> dependents = new HashMap<>();
    for (StepRun r : runs.values()) {
      for (String need : r.step.needs()) {
        StepRun n = runs.get(need);
        if (n == null) {
          continue; // not selected: assumed done by an earlier run
        }
        dependents.computeIfAbsent(n, k -> new ArrayList<>(1)).add(r);
        if (!n.state.isTerminal()) {
          r.unfinishedNeeds++;
        } else if (r.state == StepState.PENDING && trouble(n)) {
          r.needBlocked = true;
        }
      }
      if (r.state.isTerminal() && Dependencies.endedWell(r) && onStatus.test(r)) {
        for (StepRun above : Dependencies.above(r, runs)) {
          if (!above.state.isTerminal()) {
            watchers.computeIfAbsent(above, k -> new ArrayList<>(1)).add(r);
          }
        }
      }
    }
    dependents.forEach((n, list) -> n.dependents = list);
    for (StepRun r : runs.values()) {
      if (r.state == StepState.PENDING) {
        offer(r);
      }
    }
  }

  /** Step {@code e} has just ended: its dependents learn it, and those it settles are offered. */
  void ended(StepRun e) {
    boolean trouble = trouble(e);
    for (StepRun d : e.dependents) {
      d.unfinishedNeeds--;
      if (d.state == StepState.PENDING) {
        d.needBlocked |= trouble;
        if (d.unfinishedNeeds == 0 || d.needBlocked) {
          offer(d);
        }
      }
    }
    List<StepRun> waiting = waiters.remove(e);
    if (waiting != null) {
      for (StepRun w : waiting) {
        if (--w.ancestorsLeft == 0 && w.state == StepState.PENDING) {
          offer(w);
        }
      }
    }
    List<StepRun> watching = watchers.remove(e);
    if (watching != null) {
      for (StepRun n : watching) {
        if (trouble(n)) {
          for (StepRun d : n.dependents) {
            if (d.state == StepState.PENDING) {
              d.needBlocked = true;
              offer(d);
            }
          }
        }
      }
    }
  }

  /** Offers pending step {@code r} again (it went back to pending from the queue). */
  void offer(StepRun r) {
    if (!r.candidate) {
      r.candidate = true;
      candidates.add(r);
    }
  }

  /** The next offered step in run order, or null when none is left. */
  @Nullable StepRun next() {
    StepRun r = candidates.poll();
    if (r != null) {
      r.candidate = false;
    }
    return r;
  }

  /**
   * Whether every step above status step {@code r} has ended. When not, those still to end are
   * counted, and {@code r} is offered again when the last of them ends.
   */
  boolean ancestorsEnded(StepRun r) {
    if (r.ancestorsLeft > 0) {
      return false; // counted already
    }
    for (StepRun above : Dependencies.above(r, runs)) {
      if (!above.state.isTerminal()) {
        r.ancestorsLeft++;
        waiters.computeIfAbsent(above, k -> new ArrayList<>(1)).add(r);
      }
    }
    return r.ancestorsLeft == 0;
  }

  private boolean trouble(StepRun n) {
    return n.state.isTerminal() && Dependencies.troubleAt(n, runs, onStatus) != null;
  }
}

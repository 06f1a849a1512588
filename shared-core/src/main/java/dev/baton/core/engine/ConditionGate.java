package dev.baton.core.engine;

import dev.baton.core.expr.StatusFunction;
import dev.baton.core.plan.WhenConditions;
import dev.baton.core.record.StepState;
import dev.baton.core.schedule.ReadyStep;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decides what becomes of the steps that have not started: whether their needs let them run, when
 * their {@code when} is decided, and which of them still run when the run is stopped.
 *
 * <p>A step whose {@code when} calls no status function runs when every step it needs, directly or
 * not, succeeded (an implicit {@code success()}), and is skipped as soon as one did not. A step
 * whose {@code when} calls one waits until all those steps have ended, whatever their state, and
 * runs if its {@code when} is then true. A <em>cleanup step</em> ({@code failure()}, {@code
 * cancelled()} or {@code always()}) also survives a stop: after fail-fast or a cancel (which the
 * run's timeout is too) it still runs once its needs have ended, and one already running goes on;
 * each runs under its own {@code timeout}, or {@link #CLEANUP_TIMEOUT} when it has none. Only a
 * second stop ({@link #cancel(boolean) abort}) cancels them too.
 */
final class ConditionGate {
  /** The time limit of a cleanup step that runs after a stop and sets no {@code timeout}. */
  static final Duration CLEANUP_TIMEOUT = Duration.ofMinutes(5);

  /**
   * Makes the cells of a dynamic step whose needs ended ({@link DynamicCells#expand}); what the
   * step itself ended as, when it did.
   */
  interface Expansion {
    Optional<LateFields.Ended> expand(StepRun r, Map<String, StepRun> runs);
  }

  /** How the engine ends a step. */
  interface Finish {
    void finish(StepRun r, StepState state, String message);
  }

  private final Map<String, StepRun> runs;
  private final LateFields late;
  private final Expansion cells;
  private final ReadyQueue queue;
  private final Finish finish;
  // Queues a step whose needs ended and whose 'when' is true, to start.
  private final Consumer<StepRun> enqueue;
  // Tells the engine a queued step left the queue without starting, to be decided again.
  private final Consumer<StepRun> withdraw;
  private final Map<String, Set<StatusFunction>> statusByStep = new HashMap<>();
  private final PendingSteps pending;
  private boolean stopStarting;
  private boolean cancelled;
  private boolean aborted;

  ConditionGate(
      Map<String, StepRun> runs,
      LateFields late,
      Expansion cells,
      ReadyQueue queue,
      Finish finish,
      Consumer<StepRun> enqueue,
      Consumer<StepRun> withdraw) {
    this.runs = runs;
    this.late = late;
    this.cells = cells;
    this.queue = queue;
    this.finish = finish;
    this.enqueue = enqueue;
    this.withdraw = withdraw;
    this.pending = new PendingSteps(runs, this::onStatus);
    pending.index();
  }

  /** Whether only cleanup steps may start now (after fail-fast or a cancel). */
  boolean stopStarting() {
    return stopStarting;
  }

  /** Whether the run was cancelled (or its timeout passed). */
  boolean cancelled() {
    return cancelled;
  }

  /** Whether the run was stopped a second time: not even cleanup steps run. */
  boolean aborted() {
    return aborted;
  }

  /** Whether {@code r} is a cleanup step, one that runs after a failure or a stop. */
  boolean cleanup(StepRun r) {
    return status(r).stream().anyMatch(StatusFunction::runsAfterTrouble);
  }

  /** Whether running step {@code r} goes on when the run is stopped: a cleanup step, once. */
  boolean keepsRunning(StepRun r) {
    return !aborted && cleanup(r);
  }

  /**
   * The time limit a cleanup step without its own {@code timeout} gets when it runs while the run
   * is stopping (noted in {@code r.cleanupLimit}); else empty.
   */
  Optional<Duration> cleanupLimit(StepRun r) {
    if (!stopStarting || !cleanup(r) || r.step.timeout().isPresent()) {
      return Optional.empty();
    }
    r.cleanupLimit = CLEANUP_TIMEOUT;
    return Optional.of(CLEANUP_TIMEOUT);
  }

  /**
   * Moves pending steps whose needs are settled to the queue, or to their end: those that {@link
   * #ended} steps settled ({@link PendingSteps}), in run order.
   */
  void promote() {
    for (StepRun r = pending.next(); r != null; r = pending.next()) {
      if (r.state == StepState.PENDING) {
        decide(r);
      }
    }
  }

  /**
   * Step {@code r} has just ended (any way): the steps it settles are decided at the next promote.
   */
  void ended(StepRun r) {
    pending.ended(r);
  }

  /** Decides pending step {@code r} if its needs allow; whether it did. */
  private boolean decide(StepRun r) {
    if (!status(r).isEmpty()) {
      if (r.unfinishedNeeds > 0 || !pending.ancestorsEnded(r)) {
        return false;
      }
      if (stopStarting && !cleanup(r)) {
        stopped(r);
      } else {
        needsEnded(r);
      }
      return true;
    }
    Dependencies.Readiness readiness =
        r.needBlocked
            ? Dependencies.Readiness.BLOCKED
            : r.unfinishedNeeds > 0
                ? Dependencies.Readiness.WAITING
                : Dependencies.readiness(r, runs, this::onStatus);
    switch (readiness) {
      case BLOCKED ->
          finish.finish(r, StepState.SKIPPED, Dependencies.blockedBy(r, runs, this::onStatus));
      case READY -> {
        if (stopStarting) {
          stopped(r);
        } else {
          needsEnded(r);
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * The needs of {@code r} have ended and let it run: its fields that read {@code needs.*} and its
   * {@code when} are decided now (a dynamic step's cells are made: {@link DynamicCells}), and it is
   * queued or ends. Where a step's needs ending turns into its start.
   */
  private void needsEnded(StepRun r) {
    int steps = runs.size();
    Optional<LateFields.Ended> ended = cells.expand(r, runs);
    if (runs.size() != steps) {
      pending.index(); // cells were added, and the steps that needed r need them now
    }
    ended = ended.or(() -> late.resolveInto(r, runs, f -> holds(f, r)));
    if (ended.isPresent()) {
      finish.finish(r, ended.get().state(), ended.get().message());
    } else {
      enqueue.accept(r);
    }
  }

  /** The value of status function {@code f} in {@code r}'s {@code when}. */
  private boolean holds(StatusFunction f, StepRun r) {
    return switch (f) {
      case SUCCESS -> Dependencies.above(r, runs).stream().allMatch(Dependencies::endedWell);
      case FAILURE -> Dependencies.above(r, runs).stream().anyMatch(Dependencies::failed);
      case CANCELLED -> cancelled;
      case ALWAYS -> true;
    };
  }

  private void stopped(StepRun r) {
    finish.finish(
        r,
        cancelled ? StepState.CANCELLED : StepState.SKIPPED,
        cancelled ? "cancelled before it started" : "the run stopped after a failure (fail-fast)");
  }

  /**
   * Fail-fast after {@code culprit} failed: queued steps are skipped, cleanup steps excepted, and
   * only cleanup steps start from now on.
   */
  void failFast(String culprit) {
    stopStarting = true;
    for (ReadyStep q : queue.snapshot()) {
      StepRun r = StepRun.of(runs, q.id());
      if (!cleanup(r)) {
        queue.remove(q);
        finish.finish(
            r, StepState.SKIPPED, "the run stopped after " + culprit + " failed (fail-fast)");
      }
    }
  }

  /**
   * The run is cancelled ({@code abort}: a second time): steps not started are cancelled, except
   * cleanup steps before an abort, which are decided again once their needs have ended, now with
   * {@code cancelled()} true.
   */
  void cancel(boolean abort) {
    cancelled = true;
    stopStarting = true;
    aborted |= abort;
    String message =
        aborted
            ? "cancelled before it started: the run was stopped a second time"
            : "cancelled before it started";
    for (ReadyStep q : queue.snapshot()) {
      StepRun r = StepRun.of(runs, q.id());
      queue.remove(q);
      if (keepsRunning(r)) {
        r.state = StepState.PENDING;
        withdraw.accept(r);
        pending.offer(r);
      } else {
        finish.finish(r, StepState.CANCELLED, message);
      }
    }
    for (StepRun r : runs.values()) {
      if (r.state == StepState.PENDING && !keepsRunning(r)) {
        finish.finish(r, StepState.CANCELLED, message);
      }
    }
  }

  private boolean onStatus(StepRun r) {
    return !status(r).isEmpty();
  }

  private Set<StatusFunction> status(StepRun r) {
    return statusByStep.computeIfAbsent(
        r.step.stepName(), name -> WhenConditions.statusFunctions(r.step.spec()));
  }
}

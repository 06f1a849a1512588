package dev.baton.core.engine;

import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.StepOutputFile;
import dev.baton.core.lease.Lease;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.StepState;
import dev.baton.core.schedule.Placement;
import dev.baton.core.schedule.ReadyStep;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The run engine's mutable bookkeeping for one planned step; touched only by the engine thread. */
final class StepRun {
  // Replaced once, when the step becomes ready, by the step with its needs.* fields resolved.
  PlannedStep step;
  final Path log;
  final int criticalPath;
  StepState state = StepState.PENDING;
  String message = "";
  final List<AttemptRecord> attempts = new ArrayList<>();
  // Only for a step that retries on another agent or GPU (retry.otherAgent, retry.otherGpu): most
  // steps never need them.
  Set<String> agentsTried = Set.of();
  Map<String, Set<Integer>> gpusTried = Map.of();
  @Nullable Instant firstStart;
  // Attempts an earlier Baton made before this run was resumed; numbering continues after them.
  int attemptBase;
  boolean restored;
  @Nullable Instant end;

  // The attempt in flight.
  @Nullable StepHandle handle;
  int attempt;
  @Nullable Instant attemptStart;
  @Nullable String agent;
  List<Integer> gpus = List.of();
  boolean timedOut;
  // Set when a cleanup step without a timeout of its own got the default one, as the run stopped.
  @Nullable Duration cleanupLimit;
  // Set when the run's own time limit stopped the attempt: it ends TIMED_OUT, not CANCELLED.
  @Nullable Duration runTimedOut;
  boolean cancelled;
  boolean awaitingRetry;
  Map<String, Object> results = Map.of();
  Lease lease = Lease.NONE;
  long leaseWaitMillis;

  // Kept by PendingSteps, so that a step's end costs its dependents, not the whole run.
  // Its place in the run's order.
  int position;
  // The steps that need this one, directly.
  List<StepRun> dependents = List.of();
  // How many of its needs this run has and that have not ended.
  int unfinishedNeeds;
  // Set once a need ended in a way that stops this step (Dependencies#troubleAt).
  boolean needBlocked;
  // For a step whose 'when' calls a status function: steps above it still to end, once counted.
  int ancestorsLeft;
  // Whether it waits in PendingSteps' candidates.
  boolean candidate;

  StepRun(PlannedStep step, Path log, int criticalPath) {
    this.step = step;
    this.log = log;
    this.criticalPath = criticalPath;
  }

  /** The bookkeeping of every step of {@code plan}, in plan order, taking over {@code prior}. */
  static Map<String, StepRun> allOf(Plan plan, Path reportDir, Map<String, PriorStep> prior) {
    Map<String, Integer> critical = CriticalPath.lengths(plan.steps());
    Map<String, StepRun> runs = new LinkedHashMap<>();
    for (PlannedStep s : plan.steps()) {
      // CriticalPath.lengths has an entry for every step it was given.
      int length = Objects.requireNonNull(critical.get(s.id()));
      StepRun r = new StepRun(s, reportDir.resolve(LogFiles.relativePath(s.id())), length);
      if (prior.containsKey(s.id())) {
        r.restoreFrom(prior.get(s.id()));
      }
      runs.put(s.id(), r);
    }
    return runs;
  }

  /** The bookkeeping of step {@code id}; the engine asks only for steps of its plan. */
  static StepRun of(Map<String, StepRun> runs, String id) {
    return Objects.requireNonNull(runs.get(id), id);
  }

  String id() {
    return step.id();
  }

  /**
   * Takes over what an earlier Baton did for this step: its attempts (numbering continues after
   * them) and, when it succeeded, its final state, so it is not run again.
   */
  void restoreFrom(PriorStep p) {
    attempts.addAll(p.attempts());
    attemptBase = p.lastAttempt();
    firstStart = p.firstStart();
    if (!p.attempts().isEmpty()) {
      AttemptRecord last = p.attempts().get(p.attempts().size() - 1);
      agent = last.agent();
      gpus = last.gpus();
    }
    StepState priorState = p.state(); // null when it had not finished: see PriorStep#done
    if (priorState != null && priorState.isSuccessful()) {
      state = priorState;
      message = p.message();
      end = p.end();
      results = p.results();
      restored = true;
    }
  }

  /** The step as ready for attempt {@code attempt}, ready since dispatch {@code readySeq}. */
  ReadyStep ready(int attempt, long readySeq) {
    return new ReadyStep(
        step,
        attempt,
        readySeq,
        0,
        step.retry().otherAgent() ? agentsTried : Set.of(),
        criticalPath,
        step.retry().otherGpu() ? gpusTried : Map.of());
  }

  /**
   * Starts bookkeeping for the attempt placed by {@code p}, holding {@code lease}.
   *
   * @return when the attempt started
   */
  Instant begin(Placement p, Lease held, long waitedMillis) {
    lease = held;
    leaseWaitMillis = waitedMillis;
    attempt = p.ready().attempt();
    agent = p.agent();
    gpus = p.gpus();
    if (step.retry().otherAgent()) {
      if (agentsTried.isEmpty()) {
        agentsTried = new HashSet<>();
      }
      agentsTried.add(p.agent());
    }
    if (step.retry().otherGpu()) {
      if (gpusTried.isEmpty()) {
        gpusTried = new HashMap<>();
      }
      gpusTried.computeIfAbsent(p.agent(), k -> new HashSet<>()).addAll(p.gpus());
    }
    timedOut = false;
    cancelled = false;
    state = StepState.RUNNING;
    Instant started = Instant.now();
    attemptStart = started;
    if (firstStart == null) {
      firstStart = started;
    }
    return started;
  }

  /** The agent of the attempt in flight; {@link #begin} sets it before any attempt runs. */
  String attemptAgent() {
    return Objects.requireNonNull(agent, "no attempt has begun");
  }

  /** When the attempt in flight started; {@link #begin} sets it before any attempt runs. */
  Instant attemptStarted() {
    return Objects.requireNonNull(attemptStart, "no attempt has begun");
  }

  /**
   * The process of the attempt in flight. The engine sets it right after {@link #begin} on the same
   * thread, and asks for it only for a RUNNING step or from that process's own callbacks.
   */
  StepHandle handle() {
    return Objects.requireNonNull(handle, "the attempt's process has not been launched");
  }

  /** The file attempt {@code n} writes its outputs to ({@code $BATON_OUTPUT}). */
  Path outputFile(int n) {
    return StepOutputFile.of(log, n);
  }

  /**
   * The outputs of the step as it ended: its final attempt's (for a restored step, the attempt an
   * earlier Baton recorded).
   */
  Map<String, String> outputs() {
    return attempts.isEmpty() ? Map.of() : attempts.get(attempts.size() - 1).outputs();
  }

  /** What the executor needs to start the attempt {@link #begin} set up. */
  StepLaunch launch(RunSettings settings) {
    return new StepLaunch(
        step,
        attempt,
        step.command(),
        StepEnvironment.of(
            settings,
            step,
            attempt,
            attemptAgent(),
            gpus,
            settings.assignGpus(),
            outputFile(attempt)),
        step.workdir(),
        log,
        attemptAgent(),
        gpus,
        step.timeout(),
        lease.descriptors());
  }
}

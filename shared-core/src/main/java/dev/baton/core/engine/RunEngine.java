package dev.baton.core.engine;

import dev.baton.core.agents.Agent;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.StepLauncher;
import dev.baton.core.lease.Lease;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.StepState;
import dev.baton.core.schedule.Placement;
import dev.baton.core.schedule.Placer;
import dev.baton.core.schedule.ReadyStep;
import dev.baton.core.schedule.Scheduler;
import dev.baton.core.schedule.SubmitAll;
import dev.baton.core.schedule.Usage;
import dev.baton.core.secrets.MaskingEventSink;
import dev.baton.core.secrets.SecretLogs;
import dev.baton.core.state.RunJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs a plan: asks the {@link Scheduler} what to start, starts it through a {@link StepExecutor},
 * follows exits, timeouts and retries, and sends events. One thread owns all state; process exits
 * and cancellation arrive through its {@link EngineLoop}, so there are no locks.
 */
public final class RunEngine {
  private final Placer scheduler;
  private final StepLauncher launcher;
  private final EventSink events;
  private final RunSettings settings;
  private final Map<String, StepRun> runs = new LinkedHashMap<>();
  private final EngineLoop loop = new EngineLoop();
  private final StartGate gate = new StartGate();
  private final ReadyQueue queue = new ReadyQueue();
  private final Usage usage = new Usage();
  private final SplittableRandom random;
  private final LogFollower follower;
  private final AttemptLogs logs;
  private long readySeq;
  private int running;
  private Instant startedAt = Instant.EPOCH; // set when run() starts
  private final EngineJournal journal;
  private final LeaseGate leases;
  private final RunDeadline deadline;
  private final ConditionGate conditions;

  public RunEngine(
      Plan plan,
      List<Agent> agents,
      StepExecutor executor,
      EventSink events,
      RunSettings settings) {
    this(plan, agents, executor, events, settings, RunJournal.NONE, Map.of());
  }

  /**
   * An engine that records every state change in {@code journal} and continues from {@code prior}:
   * what an earlier Baton did for this run (empty for a fresh run).
   */
  public RunEngine(
      Plan plan,
      List<Agent> agents,
      StepExecutor executor,
      EventSink events,
      RunSettings settings,
      RunJournal journal,
      Map<String, PriorStep> prior) {
    this.journal = new EngineJournal(journal, this::cancelAll);
    this.scheduler = settings.assignGpus() ? new Scheduler(agents) : new SubmitAll(executor.name());
    this.events = MaskingEventSink.wrap(events, settings.secrets().masker());
    this.launcher = StageLaunchers.forRun(executor, plan, agents, this.events, settings);
    this.settings = settings;
    this.random = new SplittableRandom(settings.randomSeed());
    this.follower = new LogFollower(this.events);
    this.logs = new AttemptLogs(new SecretLogs(settings.secrets().masker()));
    this.leases = LeaseGates.forRun(plan, agents, settings, this.events);
    runs.putAll(StepRun.allOf(plan, settings.reportDir(), prior));
    this.deadline = new RunDeadline(settings.runTimeout(), this.events);
    this.conditions =
        new ConditionGate(
            runs,
            new LateFields(plan.params()),
            new DynamicCells(plan, settings.reportDir(), this.journal)::expand,
            queue,
            this::finish,
            r -> enqueue(r, r.attemptBase + 1),
            r -> leases.dropped(r.id()));
  }

  /** Why the journal could not be written, when it could not: the run was stopped for it. */
  public Optional<InfrastructureException> journalFailure() {
    return journal.failure();
  }

  /**
   * Asks the run to stop: running steps get TERM, nothing new starts but cleanup steps (those whose
   * {@code when} calls always(), failure() or cancelled()). Safe from any thread.
   */
  public void cancel() {
    gate.close();
    loop.post(this::cancelAll);
  }

  /** Asks the run to stop at once, after {@link #cancel}: cleanup steps too. Any thread. */
  public void stopNow() {
    gate.abort();
    loop.post(() -> stop(true));
  }

  /** Runs to the end and returns every step's final bookkeeping, in plan order. */
  public EngineResult run() {
    startedAt = Instant.now();
    deadline.arm(
        loop, runs.values(), conditions::cancelled, conditions::keepsRunning, this::cancelAll);
    try {
      for (StepRun r : runs.values()) {
        if (r.restored) {
          events.accept(
              new RunEvent.StepFinished(
                  r.id(), r.state, Duration.ZERO, "done before the resume; not run again"));
        } else if (r.step.skipped()) {
          finish(r, StepState.SKIPPED, r.step.skipReason());
        }
      }
      conditions.promote();
      while (!done()) {
        dispatch();
        waitForSignal();
      }
    } finally {
      journal.flush();
      follower.close();
      leases.close();
    }
    EngineResult result =
        EngineResult.of(
            startedAt, runs.values(), gate.closed() || conditions.cancelled(), deadline.passed());
    runs.clear(); // the bookkeeping, now in the result, need not outlive it while reports are made
    return result;
  }

  private boolean done() {
    return running == 0
        && queue.isEmpty()
        && !loop.retryPending()
        && runs.values().stream().allMatch(r -> r.state.isTerminal());
  }

  private void waitForSignal() {
    try {
      journal.flush();
      loop.runNext();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelAll();
    }
  }

  private void enqueue(StepRun r, int attempt) {
    r.state = StepState.QUEUED;
    queue.add(r.ready(attempt, readySeq));
    events.accept(new RunEvent.StepQueued(r.id()));
  }

  private void dispatch() {
    journal.flush(); // before any step starts: a step's end is journalled before its dependents'
    // Steps that became ready between two dispatches are equally old: none passes the others over.
    readySeq++;
    // While the run stops, the queue holds only cleanup steps; between a cancel asked for and its
    // handling here, nothing is dispatched.
    boolean cancelNotHandled = gate.closed() && !conditions.cancelled();
    if (queue.isEmpty() || cancelNotHandled || conditions.aborted() || atMaxRunning()) {
      return;
    }
    List<Placement> placements =
        scheduler.decide(queue.inOrder(), leases.overlay(queue.inOrder(), usage));
    if (placements.isEmpty()) {
      explainWaits();
      if (running == 0 && loop.noTimers()) {
        for (ReadyStep stuck : queue.snapshot()) {
          queue.remove(stuck);
          finish(
              StepRun.of(runs, stuck.id()),
              StepState.FAILED,
              "no agent can take this step now, and nothing running will free one; check the agents' executors and GPUs");
        }
        conditions.promote();
      }
      return;
    }
    long newestPlaced = Long.MIN_VALUE;
    for (Placement p : placements) {
      Lease lease = atMaxRunning() ? null : leases.acquire(p);
      if (lease == null) {
        if (atMaxRunning()) {
          break;
        }
        continue; // taken by another process since the scheduler looked: stays queued
      }
      if (!gate.startIfOpen(
          conditions.cleanup(StepRun.of(runs, p.ready().id())), () -> start(p, lease))) {
        lease.close();
        break;
      }
      queue.remove(p.ready());
      newestPlaced = Math.max(newestPlaced, p.ready().readySeq());
    }
    explainWaits();
    queue.passedOver(newestPlaced);
  }

  /** Says why steps wait for other processes' leases; fails those that waited too long. */
  private void explainWaits() {
    for (ReadyStep late :
        leases.explain(queue.inOrder(), loop, () -> scheduler.decide(queue.inOrder(), usage))) {
      queue.remove(late);
      finish(StepRun.of(runs, late.id()), StepState.FAILED, LeaseGates.timedOut(leases.timeout()));
    }
  }

  private boolean atMaxRunning() {
    return settings.maxRunning() > 0 && running >= settings.maxRunning();
  }

  @SuppressWarnings("FutureReturnValueIgnored") // callbacks only post to the loop, never throw
  private void start(Placement p, Lease lease) {
    StepRun r = StepRun.of(runs, p.ready().id());
    PlannedStep s = r.step;
    usage.take(p.agent(), p.gpus(), s.agent(), s.concurrency());
    running++;
    Instant attemptStart = r.begin(p, lease, leases.startedAfterWaiting(r.id()));
    long offset = logs.prepare(r);
    AttemptEnds.freshOutputFile(r);
    StepLaunch launch = r.launch(settings);
    events.accept(new RunEvent.StepStarted(r.id(), r.attempt, p.agent(), p.gpus(), r.log));
    follower.follow(r.id(), r.log, offset);
    StepHandle handle = launcher.launch(launch);
    r.handle = handle;
    int attempt = r.attempt;
    AttemptStarts.follow(handle, r, p, lease, attemptStart, loop, journal);
    handle
        .exit()
        .whenComplete((status, error) -> loop.post(() -> ended(r, attempt, status, error)));
    s.timeout()
        .or(() -> conditions.cleanupLimit(r))
        .ifPresent(t -> loop.after(t, false, () -> timeout(r, attempt)));
  }

  private void timeout(StepRun r, int attempt) {
    if (r.state == StepState.RUNNING && r.attempt == attempt && !r.timedOut) {
      r.timedOut = true;
      r.handle().stop(settings.killGrace());
    }
  }

  private void ended(StepRun r, int attempt, ExitStatus status, Throwable error) {
    if (OutsideStop.suspected(r, status)) {
      loop.after(OutsideStop.GRACE, false, () -> exited(r, attempt, status, error));
    } else {
      exited(r, attempt, status, error);
    }
  }

  private void exited(StepRun r, int attempt, ExitStatus status, Throwable error) {
    if (r.attempt != attempt || r.state != StepState.RUNNING) {
      return;
    }
    follower.finish(r.id());
    logs.attemptEnded(r);
    running--;
    Instant end = Instant.now(); // before the leases go: the next holder starts after this end
    r.lease.close();
    usage.release(r.attemptAgent(), r.gpus, r.step.agent(), r.step.concurrency());
    AttemptRecord attemptRecord =
        AttemptEnds.record(r, attempt, end, status, error, settings.workspace());
    StepState outcome = attemptRecord.status();
    String message = attemptRecord.message();
    Integer exitCode = attemptRecord.exitCode();
    r.attempts.add(attemptRecord);
    journal.attemptEnded(r.id(), attemptRecord);
    r.results = r.handle().results();
    r.handle = null; // what the attempt's process held goes with it: a run may have 100,000 steps
    if (outcome != StepState.SUCCEEDED
        && outcome != StepState.CANCELLED
        && !conditions.cancelled()) {
      String tail = String.join("\n", LogFiles.tail(r.log, 50));
      Optional<Duration> again =
          RetryDecider.retryAfter(
              r.step.retry(), attempt - r.attemptBase, outcome, exitCode, tail, random);
      if (again.isPresent()) {
        r.state = StepState.QUEUED;
        r.awaitingRetry = true;
        events.accept(new RunEvent.StepRetrying(r.id(), attempt, message, again.get()));
        loop.after(again.get(), true, () -> retry(r, attempt + 1));
        return;
      }
    }
    finish(r, outcome, message);
    if (!outcome.isSuccessful()
        && !r.step.continueOnError()
        && settings.failFast()
        && !conditions.cancelled()) {
      conditions.failFast(r.id());
      stopRunning();
    }
    conditions.promote();
  }

  private void retry(StepRun r, int attempt) {
    r.awaitingRetry = false;
    if (conditions.cancelled() || (conditions.stopStarting() && !conditions.cleanup(r))) {
      finish(
          r,
          conditions.cancelled() ? StepState.CANCELLED : StepState.SKIPPED,
          "not retried: the run is stopping");
      conditions.promote();
      return;
    }
    enqueue(r, attempt);
  }

  private void cancelAll() {
    stop(false);
  }

  /**
   * Cancels the run: running steps get TERM and steps not started are cancelled, cleanup steps
   * excepted, which the {@link ConditionGate} still runs; {@code abort} (a second stop) stops those
   * too.
   */
  private void stop(boolean abort) {
    if (abort ? conditions.aborted() : conditions.cancelled()) {
      return;
    }
    conditions.cancel(abort);
    stopRunning();
    loop.dropRetries();
    for (StepRun r : runs.values()) {
      if (r.awaitingRetry) {
        r.awaitingRetry = false;
        finish(r, StepState.CANCELLED, "cancelled while waiting to retry");
      }
    }
    conditions.promote();
  }

  /** Stops the running steps but cleanup steps, which go on under their own time limit. */
  private void stopRunning() {
    for (StepRun r : runs.values()) {
      if (r.state != StepState.RUNNING || r.cancelled) {
        continue;
      }
      if (conditions.keepsRunning(r)) {
        int attempt = r.attempt;
        if (r.cleanupLimit == null) {
          conditions
              .cleanupLimit(r)
              .ifPresent(t -> loop.after(t, false, () -> timeout(r, attempt)));
        }
      } else {
        r.cancelled = true;
        r.handle().stop(settings.killGrace());
      }
    }
  }

  private void finish(StepRun r, StepState state, String message) {
    leases.dropped(r.id());
    r.state = state;
    r.message = message;
    r.end = Instant.now();
    Duration d = r.firstStart == null ? Duration.ZERO : Duration.between(r.firstStart, r.end);
    events.accept(new RunEvent.StepFinished(r.id(), state, d, message));
    journal.stepEnded(r, state, message);
    conditions.ended(r);
  }
}

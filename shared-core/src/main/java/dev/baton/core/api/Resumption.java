package dev.baton.core.api;

import dev.baton.core.descriptor.StepKind;
import dev.baton.core.engine.LogFiles;
import dev.baton.core.engine.PriorStep;
import dev.baton.core.errors.UsageException;
import dev.baton.core.exec.ExitFiles;
import dev.baton.core.exec.StepOutputFile;
import dev.baton.core.exec.container.ContainerSteps;
import dev.baton.core.exec.local.LeftProcesses;
import dev.baton.core.exec.slurm.LeftSlurmJobs;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.StepState;
import dev.baton.core.state.JournalEntry;
import dev.baton.core.state.ResumePoint;
import dev.baton.core.state.RunJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns the journal of an interrupted run into what the engine continues from. Attempts the journal
 * saw start but not end are settled first: one whose exit file is there ended while Baton was down
 * and is taken as it ended; one still running is stopped (TERM, then KILL) and run again; one that
 * is gone without an exit code is run again.
 */
final class Resumption {
  private int done;
  private int taken;
  private int stopped;
  private int lost;
  private String runId = "";
  private Set<String> allocations = Set.of();

  /** The report directory of run {@code idOrLatest} under {@code runsRoot}. */
  static Path runDir(Path runsRoot, String idOrLatest) {
    Path dir = runsRoot.resolve(idOrLatest);
    if (!Files.isDirectory(dir)) {
      throw new UsageException(
          "cannot resume run '"
              + idOrLatest
              + "': there is no "
              + dir
              + "; pass a run id from "
              + runsRoot
              + " or 'latest'");
    }
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      throw new UsageException("cannot resume run '" + idOrLatest + "': " + e.getMessage());
    }
  }

  /** Refuses a journal written for another plan: nothing is touched when it does. */
  static void checkSamePlan(ResumePoint point, Plan plan) {
    if (!PlanDigest.of(plan).equals(point.began().planDigest())) {
      throw new UsageException(
          "cannot resume run "
              + point.began().runId()
              + ": the pipeline's steps, commands or params differ from the run's (descriptor or -p"
              + " values changed); resume with the same descriptor and params, or start a new run");
    }
  }

  /** Settles attempts left in flight and returns what the engine continues from. */
  Map<String, PriorStep> settle(
      ResumePoint point, Plan plan, Path reportDir, Duration grace, RunJournal journal) {
    runId = point.began().runId();
    // Allocations a killed Baton held: released first, so nothing of the old run keeps GPUs.
    allocations = LeftSlurmJobs.releaseAllocations(reportDir);
    Map<String, PriorStep> prior = new LinkedHashMap<>();
    for (PlannedStep step : plan.steps()) {
      point
          .step(step.id())
          .ifPresent(h -> prior.put(step.id(), prior(step, h, reportDir, grace, journal)));
    }
    return prior;
  }

  private PriorStep prior(
      PlannedStep step,
      ResumePoint.StepHistory h,
      Path reportDir,
      Duration grace,
      RunJournal journal) {
    if (h.inFlight != null) {
      AttemptRecord settled =
          settleInFlight(step, h.inFlight, h.inFlightProcesses, reportDir, grace);
      h.attempts.add(settled);
      journal.write(new JournalEntry.AttemptEnded(step.id(), settled));
      h.inFlight = null;
      h.inFlightProcesses.clear();
      if (settled.status() == StepState.SUCCEEDED) {
        h.ended =
            new JournalEntry.StepEnded(
                step.id(),
                StepState.SUCCEEDED,
                "",
                h.attempts.get(0).startedAt(),
                settled.endedAt(),
                Map.of());
        journal.write(h.ended);
      }
    }
    StepState state = h.ended == null ? null : h.ended.status();
    if (state != null && state.isSuccessful()) {
      done++;
    }
    Instant first = h.attempts.isEmpty() ? null : h.attempts.get(0).startedAt();
    return new PriorStep(
        state,
        h.ended == null ? "" : h.ended.message(),
        h.attempts,
        first,
        h.ended == null ? null : h.ended.end(),
        h.ended == null ? Map.of() : h.ended.results());
  }

  private AttemptRecord settleInFlight(
      PlannedStep step,
      JournalEntry.AttemptStarted s,
      List<JournalEntry.AttemptProcess> later,
      Path reportDir,
      Duration grace) {
    Path log = reportDir.resolve(LogFiles.relativePath(step.id()));
    // Stages judge their commands' results inside Baton, so only a plain step's exit code stands.
    OptionalInt code =
        step.kind() == StepKind.RUN ? ExitFiles.read(log, s.attempt()) : OptionalInt.empty();
    if (code.isPresent()) {
      int exit = code.getAsInt();
      return ended(
          s,
          exit,
          StepOutputFile.read(StepOutputFile.of(log, s.attempt()), step.id()),
          modified(ExitFiles.of(log, s.attempt())),
          exit == 0
              ? "finished while Baton was down; taken from its exit file"
              : "exit code " + exit + " while Baton was down");
    }
    if (s.jobId() != null && !s.jobId().isEmpty()) {
      return settleSlurmJob(s, log);
    }
    // A container outlives its client: it is found by its name and stopped first.
    boolean containerLeft =
        step.spec()
            .container()
            .map(
                c -> ContainerSteps.stopLeft(c, runId, step.id(), s.attempt(), later.size(), grace))
            .orElse(false);
    boolean wasRunning =
        LeftProcesses.stop(s.processGroup(), s.processStart(), grace) || containerLeft;
    // A stage's commands, each its own group or job: every one that still runs is stopped.
    for (JournalEntry.AttemptProcess p : later) {
      wasRunning |= stopLater(p, grace);
    }
    return runAgain(
        s,
        wasRunning,
        wasRunning
            ? "left running by a Baton that stopped; stopped and run again"
            : "ended while Baton was down without recording an exit code; run again");
  }

  /**
   * Stops a later process of an attempt (a stage's command) that still runs; its exit does not
   * count (the stage judges its commands), so the attempt runs again either way.
   */
  private boolean stopLater(JournalEntry.AttemptProcess p, Duration grace) {
    if (p.jobId() != null && !p.jobId().isEmpty()) {
      return allocations.contains(p.jobId()) || LeftSlurmJobs.settle(p.jobId()).wasRunning();
    }
    return LeftProcesses.stop(p.processGroup(), p.processStart(), grace);
  }

  private AttemptRecord settleSlurmJob(JournalEntry.AttemptStarted s, Path log) {
    if (allocations.contains(s.jobId())) {
      return runAgain(
          s,
          true,
          "ran in Slurm allocation " + s.jobId() + ", released when the run resumed; run again");
    }
    LeftSlurmJobs.Settled settled = LeftSlurmJobs.settle(s.jobId());
    String job = "Slurm job " + s.jobId();
    if (settled.exit().isPresent()) {
      int exit = settled.exit().get().exitCode();
      return ended(
          s,
          exit,
          StepOutputFile.read(StepOutputFile.of(log, s.attempt()), s.step()),
          Instant.now(),
          (exit == 0 ? "" : "exit code " + exit + "; ") + job + " ended while Baton was down");
    }
    return runAgain(
        s,
        settled.wasRunning(),
        job
            + (settled.wasRunning() ? " was cancelled to run again (" : " is lost (")
            + settled.why()
            + ")");
  }

  /** An attempt that ended while Baton was down, taken as it ended. */
  private AttemptRecord ended(
      JournalEntry.AttemptStarted s,
      int exit,
      StepOutputFile.Result outputs,
      Instant end,
      String message) {
    taken++;
    StepState state = exit == 0 ? StepState.SUCCEEDED : StepState.FAILED;
    Map<String, String> read = Map.of();
    if (outputs instanceof StepOutputFile.Read ok) {
      read = ok.outputs();
    } else if (outputs instanceof StepOutputFile.Invalid bad) {
      state = StepState.FAILED;
      message = (exit == 0 ? "" : message + "; ") + bad.message();
    }
    return AttemptRecord.of(s.attempt(), s.at(), end, exit, state, s.agent(), s.gpus(), message)
        .withLeaseWait(0)
        .withOutputs(read);
  }

  /** An attempt whose end is unknown: it runs again. */
  private AttemptRecord runAgain(
      JournalEntry.AttemptStarted s, boolean wasRunning, String message) {
    if (wasRunning) {
      stopped++;
    } else {
      lost++;
    }
    return AttemptRecord.of(
        s.attempt(), s.at(), Instant.now(), null, StepState.LOST, s.agent(), s.gpus(), message);
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.now();
    }
  }

  /** One line for people: what the resume found. */
  String summary(String runId, int steps) {
    return "resuming run "
        + runId
        + ": "
        + done
        + " of "
        + steps
        + " steps done before"
        + (taken > 0 ? ", " + taken + " finished while Baton was down" : "")
        + (stopped > 0 ? ", " + stopped + " left running (stopped, to run again)" : "")
        + (lost > 0 ? ", " + lost + " lost (to run again)" : "");
  }
}

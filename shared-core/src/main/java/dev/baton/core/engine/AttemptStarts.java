package dev.baton.core.engine;

import dev.baton.core.exec.AttemptProcess;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.lease.Lease;
import dev.baton.core.record.StepState;
import dev.baton.core.schedule.Placement;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Journals what an attempt runs, as it comes to exist: its first process group (or Slurm job) in
 * the attempt's start entry, then every group or job it starts later — a validate, benchmark or
 * deploy step's commands, each in its own — so a resumed run can find and stop whatever a killed
 * Baton left, and the attempt's leases name the group that runs now (or its processes would look
 * like a foreign GPU user). Signals run on the engine thread in order, so each start is journalled
 * before the attempt's end, and the journal is written before the engine waits again.
 */
final class AttemptStarts {
  private AttemptStarts() {}

  static void follow(
      StepHandle handle,
      StepRun r,
      Placement p,
      Lease lease,
      Instant attemptStart,
      EngineLoop loop,
      EngineJournal journal) {
    int attempt = r.attempt;
    CompletableFuture<Long> unused =
        handle
            .started()
            .whenComplete(
                (group, error) -> {
                  loop.post(
                      () -> {
                        lease.stepStarted(group == null ? -1 : group);
                        journal.attemptStarted(
                            r.id(),
                            attempt,
                            p.agent(),
                            p.gpus(),
                            group,
                            handle.jobId(),
                            attemptStart);
                      });
                  // Heard only now, so that each later process is posted after the start.
                  handle.onLaterProcess(
                      later -> loop.post(() -> laterProcess(r, attempt, lease, journal, later)));
                });
  }

  private static void laterProcess(
      StepRun r, int attempt, Lease lease, EngineJournal journal, AttemptProcess later) {
    // A process reported after the attempt ended belongs to no running attempt: its lease is gone.
    if (r.attempt != attempt || r.state != StepState.RUNNING) {
      return;
    }
    lease.stepStarted(later.processGroup());
    journal.attemptProcess(r.id(), attempt, later.processGroup(), later.jobId());
  }
}

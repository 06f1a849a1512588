package dev.baton.core.exec.slurm;

import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.SlurmAttempt;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One attempt running as a Slurm batch job. Stopping it signals the job's processes on the node
 * (TERM, then KILL after the grace period) and cancels the job, so the GPUs return to the cluster.
 */
public final class SlurmStepHandle implements StepHandle {
  private static final Duration SCANCEL_TIMEOUT = Duration.ofSeconds(30);

  private final String jobId;
  private final CompletableFuture<ExitStatus> exit;
  private final JobFacts facts;
  private final JobPoller poller;
  private final ScheduledExecutorService control;
  private final SlurmCli cli;

  SlurmStepHandle(
      String jobId,
      CompletableFuture<ExitStatus> exit,
      JobFacts facts,
      JobPoller poller,
      ScheduledExecutorService control,
      SlurmCli cli) {
    this.jobId = jobId;
    this.exit = exit;
    this.facts = facts;
    this.poller = poller;
    this.control = control;
    this.cli = cli;
  }

  /** The Slurm job id, for the run record and for {@code scontrol show job}. */
  @Override
  public String jobId() {
    return jobId;
  }

  /**
   * Completes with the exit status a local run would have had; completes exceptionally with an
   * {@link dev.baton.core.errors.InfrastructureException} when the attempt was lost (node failure,
   * preemption, a controller that stopped answering).
   */
  @Override
  public CompletableFuture<ExitStatus> exit() {
    return exit;
  }

  /** The job's nodes and Slurm's times for it, once it has ended. */
  @Override
  public @Nullable SlurmAttempt slurm() {
    return facts.attempt();
  }

  /** What accounting ({@code sacct}) says the job used; null where the cluster keeps none. */
  @Override
  public @Nullable AttemptUsage usage() {
    return facts.usage();
  }

  @Override
  public void stop(Duration grace) {
    if (exit.isDone()) {
      return;
    }
    control.execute(
        () -> {
          String state = poller.state(jobId);
          if (state.isEmpty() || state.startsWith("PENDING") || state.startsWith("CONFIGURING")) {
            // Nothing runs yet: no grace to give, just take it out of the queue.
            scancel(List.of("scancel", jobId));
          } else {
            // --full: without it scancel signals only srun steps, never the batch script.
            scancel(List.of("scancel", "--full", "--signal=TERM", jobId));
          }
          poller.hurry();
        });
    var unused =
        control.schedule(
            () -> {
              if (!exit.isDone()) {
                scancel(List.of("scancel", "--full", "--signal=KILL", jobId));
                scancel(List.of("scancel", jobId));
                poller.hurry();
              }
            },
            grace.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Best effort: a job that ended meanwhile makes scancel complain, which changes nothing. */
  private void scancel(List<String> argv) {
    try {
      cli.run(argv, SCANCEL_TIMEOUT);
    } catch (IOException e) {
      // scancel missing while sbatch and squeue exist: the poller still reports the job's end.
    }
  }
}

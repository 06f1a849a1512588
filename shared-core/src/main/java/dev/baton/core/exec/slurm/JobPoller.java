package dev.baton.core.exec.slurm;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.os.DaemonThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Follows every submitted job with one thread and one {@code squeue} call per look, whatever the
 * number of jobs. Looks come 100 ms apart after a submission or a change and stretch to the
 * configured interval while nothing changes, so a one-second step is seen to end within a fraction
 * of a second and a two-hour one costs one call a second.
 */
final class JobPoller implements AutoCloseable {
  /** How long the controller may stay silent before every followed attempt counts as lost. */
  static final Duration CONTROLLER_GRACE = Duration.ofMinutes(2);

  /** A job missing from squeue this many looks in a row has been purged (MinJobAge). */
  private static final int MISSES_BEFORE_VANISHED = 3;

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final SlurmCli cli;
  private final Duration maxInterval;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("baton-slurm-poller"));
  private @Nullable ScheduledFuture<?> next;
  private long nextAt;
  private Duration interval = SlurmSettings.FIRST_POLL;
  private long silentSince = -1;
  private final AtomicInteger polls = new AtomicInteger();

  JobPoller(SlurmCli cli, Duration maxInterval) {
    this.cli = cli;
    this.maxInterval = maxInterval;
  }

  /**
   * Starts following {@code jobId}; {@code onEnd} runs once it has ended, before the future
   * completes, with the last row squeue showed for it (null when it never showed one).
   */
  CompletableFuture<ExitStatus> follow(
      String jobId, String stepId, Consumer<SqueueOutput.@Nullable Row> onEnd) {
    Job job = new Job(stepId, onEnd);
    jobs.put(jobId, job);
    hurry();
    return job.exit;
  }

  /**
   * The last state seen for {@code jobId}: {@code PENDING}, {@code RUNNING}, ...; empty before the
   * first look.
   */
  String state(String jobId) {
    Job job = jobs.get(jobId);
    return job == null ? "ENDED" : job.state;
  }

  /** Jobs not yet seen to end. */
  List<String> active() {
    return new ArrayList<>(jobs.keySet());
  }

  /** How many squeue calls were made: tests check it is one per look, not one per job. */
  int polls() {
    return polls.get();
  }

  /**
   * The wait planned before the next look. A test seam: tests check it falls back to the first
   * interval after a change and doubles while nothing changes, without timing the looks.
   */
  synchronized Duration interval() {
    return interval;
  }

  /** Looks again soon: after a submission or a cancellation something is about to change. */
  synchronized void hurry() {
    interval = SlurmSettings.FIRST_POLL;
    scheduleIn(interval);
  }

  /** Plans the next look in {@code delay}, unless one is already planned sooner. */
  private synchronized void scheduleIn(Duration delay) {
    long at = System.nanoTime() + delay.toNanos();
    if (thread.isShutdown() || (next != null && !next.isDone() && nextAt <= at)) {
      return;
    }
    if (next != null) {
      next.cancel(false);
    }
    nextAt = at;
    next = thread.schedule(this::look, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void look() {
    synchronized (this) {
      next = null;
    }
    if (jobs.isEmpty()) {
      return;
    }
    boolean changed;
    try {
      changed = lookOnce();
    } catch (RuntimeException e) {
      failAll(
          e instanceof InfrastructureException infrastructureException
              ? infrastructureException
              : wrap(e));
      return;
    }
    synchronized (this) {
      interval = changed ? SlurmSettings.FIRST_POLL : longer(interval);
      if (!jobs.isEmpty()) {
        scheduleIn(interval);
      }
    }
  }

  private boolean lookOnce() {
    List<String> ids = active();
    SlurmCli.Result result;
    try {
      polls.incrementAndGet();
      result = cli.run(SqueueOutput.command(ids), CALL_TIMEOUT);
    } catch (IOException e) {
      throw SlurmErrors.notInstalled("squeue", e);
    }
    Map<String, SqueueOutput.Row> rows;
    if (result.ok()) {
      rows = SqueueOutput.parse(result.stdout());
    } else if (SqueueOutput.allUnknown(result)) {
      rows = Map.of();
    } else {
      return controllerSilent(result);
    }
    silentSince = -1;
    boolean changed = false;
    for (String id : ids) {
      Job job = jobs.get(id);
      if (job == null) {
        continue; // ended meanwhile: close() fails every job from another thread
      }
      SqueueOutput.Row row = rows.get(id);
      if (row == null) {
        changed |= missing(id, job);
        continue;
      }
      job.misses = 0;
      job.row = row;
      if (!row.state().equals(job.state)) {
        changed = true;
        job.state = row.state();
      }
      if (SlurmJobEnd.isTerminal(row.state())) {
        end(id, SlurmJobEnd.fromWaitStatus(row.state(), row.waitStatus()));
      }
    }
    return changed;
  }

  /** Not in squeue: purged after MinJobAge, so ask accounting, if the cluster keeps it. */
  private boolean missing(String id, Job job) {
    if (++job.misses < MISSES_BEFORE_VANISHED) {
      return false;
    }
    Optional<SlurmJobEnd> fromAccounting = SacctLookup.find(cli, id);
    if (fromAccounting.isPresent()) {
      end(id, fromAccounting.get());
    } else {
      lose(
          id,
          "it vanished from the controller before Baton saw it end (no accounting to ask);"
              + " raise MinJobAge in slurm.conf or enable accounting");
    }
    return true;
  }

  private boolean controllerSilent(SlurmCli.Result result) {
    long now = System.nanoTime();
    if (silentSince < 0) {
      silentSince = now;
    } else if (now - silentSince > CONTROLLER_GRACE.toNanos()) {
      throw SlurmErrors.failed("squeue", result);
    }
    return false;
  }

  private void end(String id, SlurmJobEnd end) {
    Job job = jobs.remove(id);
    if (job == null) {
      return;
    }
    job.onEnd.accept(job.row);
    Optional<ExitStatus> status = end.exitStatus();
    if (status.isPresent()) {
      job.exit.complete(status.get());
    } else {
      job.exit.completeExceptionally(lost(job.stepId, id, end.lostReason()));
    }
  }

  private void lose(String id, String why) {
    Job job = jobs.remove(id);
    if (job != null) {
      job.onEnd.accept(job.row);
      job.exit.completeExceptionally(lost(job.stepId, id, why));
    }
  }

  private static InfrastructureException lost(String stepId, String jobId, String why) {
    return new InfrastructureException(
        "step "
            + stepId
            + " was lost: Slurm job "
            + jobId
            + " ended because "
            + why
            + "; the attempt may be retried, see 'scontrol show job "
            + jobId
            + "'");
  }

  private void failAll(InfrastructureException e) {
    for (String id : active()) {
      Job job = jobs.remove(id);
      if (job != null) {
        job.onEnd.accept(job.row);
        job.exit.completeExceptionally(e);
      }
    }
  }

  private static InfrastructureException wrap(RuntimeException e) {
    return new InfrastructureException(
        "following Slurm jobs failed (" + e + "): check 'squeue' works on this machine", e);
  }

  private Duration longer(Duration current) {
    Duration doubled = current.multipliedBy(2);
    return doubled.compareTo(maxInterval) > 0 ? maxInterval : doubled;
  }

  /** Ends every job still followed as lost: the executor is closing. */
  @Override
  public void close() {
    thread.shutdownNow();
    failAll(
        new InfrastructureException(
            "the Slurm executor was closed while jobs still ran; they were cancelled"));
  }

  /** One followed job. */
  private static final class Job {
    final String stepId;
    final Consumer<SqueueOutput.@Nullable Row> onEnd;
    final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    volatile String state = "";
    volatile SqueueOutput.@Nullable Row row;
    int misses;

    Job(String stepId, Consumer<SqueueOutput.@Nullable Row> onEnd) {
      this.stepId = stepId;
      this.onEnd = onEnd;
    }
  }
}

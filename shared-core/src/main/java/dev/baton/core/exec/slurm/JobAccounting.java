package dev.baton.core.exec.slurm;

import dev.baton.core.os.DaemonThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks Slurm's accounting ({@code sacct}) what a finished job used, for its attempt's run record.
 * The answer comes on a thread of its own, so the poller never waits for it; slurmdbd records a
 * job's end a moment after the controller, so a job not yet recorded as ended is asked again a few
 * times. The attempt's end (and so the next steps) waits for the answer, never more than {@link
 * #LONGEST_WAIT}; then the attempt goes without usage. A cluster without accounting is asked once
 * per run.
 */
final class JobAccounting implements AutoCloseable {
  /** How long an attempt's end waits for accounting at most. */
  static final Duration LONGEST_WAIT = Duration.ofSeconds(1);

  // Asked again after these pauses: they fit, with the calls themselves, in LONGEST_WAIT.
  private static final long[] RETRY_MILLIS = {100, 200, 400};
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final SlurmCli cli;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("baton-slurm-accounting"));
  private volatile boolean unavailable;

  JobAccounting(SlurmCli cli) {
    this.cli = cli;
  }

  /**
   * What accounting kept of {@code jobId}; empty where the cluster keeps none or the answer took
   * longer than {@link #LONGEST_WAIT}.
   */
  CompletableFuture<Optional<SacctJob>> finished(String jobId) {
    CompletableFuture<Optional<SacctJob>> answer = new CompletableFuture<>();
    if (unavailable || thread.isShutdown()) {
      answer.complete(Optional.empty());
      return answer;
    }
    thread.execute(() -> ask(jobId, 0, answer));
    return answer.completeOnTimeout(
        Optional.empty(), LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void ask(String jobId, int tries, CompletableFuture<Optional<SacctJob>> answer) {
    Optional<SacctJob> found = Optional.empty();
    try {
      SlurmCli.Result result = cli.run(SacctJob.command(jobId), CALL_TIMEOUT);
      if (!result.ok()) {
        // "Slurm accounting storage is disabled", no slurmdbd, no sacct: not asked again.
        unavailable = true;
        answer.complete(Optional.empty());
        return;
      }
      found = SacctJob.parse(result.stdout(), jobId);
    } catch (IOException | RuntimeException e) {
      unavailable = true;
      answer.complete(Optional.empty());
      return;
    }
    if (found.isPresent() || tries >= RETRY_MILLIS.length || thread.isShutdown()) {
      answer.complete(found);
      return;
    }
    try {
      var unused =
          thread.schedule(
              () -> ask(jobId, tries + 1, answer), RETRY_MILLIS[tries], TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      answer.complete(Optional.empty()); // closing: the attempt goes without usage
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}

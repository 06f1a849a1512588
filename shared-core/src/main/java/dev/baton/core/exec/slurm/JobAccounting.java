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
 * times (about 1.5 s in all) before its attempt goes without usage. A cluster without accounting is
 * asked once per run.
 */
final class JobAccounting implements AutoCloseable {
  private static final long[] RETRY_MILLIS = {100, 200, 400, 800};
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final SlurmCli cli;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("baton-slurm-accounting"));
  private volatile boolean unavailable;

  JobAccounting(SlurmCli cli) {
    this.cli = cli;
  }

  /** What accounting kept of {@code jobId}; empty where the cluster keeps none or it came late. */
  CompletableFuture<Optional<SacctJob>> finished(String jobId) {
    CompletableFuture<Optional<SacctJob>> answer = new CompletableFuture<>();
    if (unavailable || thread.isShutdown()) {
      answer.complete(Optional.empty());
      return answer;
    }
    thread.execute(() -> ask(jobId, 0, answer));
    return answer;
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

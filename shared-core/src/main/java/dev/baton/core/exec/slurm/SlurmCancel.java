package dev.baton.core.exec.slurm;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Cancels jobs and waits, bounded, until squeue no longer lists them. {@code scancel} only asks: a
 * cancelled job stays in squeue (COMPLETING) until its steps' processes have exited on every node,
 * and a run that says it left nothing behind must not end before that.
 */
final class SlurmCancel {
  /** How long jobs may take to leave the queue once cancelled. */
  static final Duration GONE_WITHIN = Duration.ofSeconds(30);

  private static final Duration LOOK_EVERY = Duration.ofMillis(200);

  private SlurmCancel() {}

  /** Cancels {@code ids} and waits until they have left the queue or {@code GONE_WITHIN}. */
  static void cancelAndWait(SlurmCli cli, Collection<String> ids, Duration callTimeout) {
    if (ids.isEmpty()) {
      return;
    }
    List<String> argv = new ArrayList<>(List.of("scancel"));
    argv.addAll(ids);
    try {
      cli.run(argv, callTimeout);
      long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
      while (listed(cli, ids, callTimeout) && System.nanoTime() < deadline) {
        Thread.sleep(LOOK_EVERY.toMillis());
      }
    } catch (IOException e) {
      // Slurm cannot be asked: the jobs end at their time limit
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether one of {@code ids} is still in the queue: squeue lists ended jobs too (for MinJobAge,
   * five minutes by default) in their final state, which counts as gone; COMPLETING does not.
   */
  static boolean listed(SlurmCli cli, Collection<String> ids, Duration callTimeout)
      throws IOException {
    SlurmCli.Result r = cli.run(SqueueOutput.command(List.copyOf(ids)), callTimeout);
    if (!r.ok()) {
      return false;
    }
    var rows = SqueueOutput.parse(r.stdout());
    return ids.stream()
        .map(rows::get)
        .anyMatch(row -> row != null && !SlurmJobEnd.isTerminal(row.state()));
  }
}

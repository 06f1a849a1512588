package dev.baton.core.exec.slurm;

import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.SlurmAttempt;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What Baton learns of an attempt that is its own Slurm job, for run.json's {@code slurm} block and
 * its usage: the node list and Slurm's submit, start and end times from the last squeue row, then
 * accounting's record of the job where the cluster keeps one (which wins where both answer).
 */
final class JobFacts {
  private final String jobId;
  private volatile String nodes = "";
  private volatile @Nullable Instant submitted;
  private volatile @Nullable Instant started;
  private volatile @Nullable Instant ended;
  private volatile @Nullable AttemptUsage usage;

  JobFacts(String jobId) {
    this.jobId = jobId;
  }

  /** The last row squeue showed for the job, when it was seen to end. */
  void seen(SqueueOutput.@Nullable Row row) {
    if (row != null) {
      nodes = row.nodes();
      submitted = row.submitted();
      // A pending job's StartTime is only the scheduler's guess.
      started = row.state().startsWith("PENDING") ? null : row.started();
      // A running job's EndTime is only its time limit's end.
      ended = SlurmJobEnd.isTerminal(row.state()) ? row.ended() : null;
    }
  }

  void accounted(Optional<SacctJob> job) {
    if (job.isEmpty()) {
      return;
    }
    SacctJob j = job.get();
    if (!j.nodes().isEmpty() && !j.nodes().equals("None assigned")) {
      nodes = j.nodes();
    }
    submitted = j.submitted() == null ? submitted : j.submitted();
    started = j.started() == null ? started : j.started();
    ended = j.ended() == null ? ended : j.ended();
    usage = j.usage();
  }

  /** Null until squeue or accounting said where the job ran. */
  @Nullable SlurmAttempt attempt() {
    if (nodes.isEmpty() && started == null) {
      return null;
    }
    Instant s = submitted;
    Instant st = started;
    long wait = s == null || st == null ? 0 : Math.max(0, st.toEpochMilli() - s.toEpochMilli());
    return new SlurmAttempt(jobId, "", nodes, wait, st, ended);
  }

  @Nullable AttemptUsage usage() {
    return usage;
  }
}

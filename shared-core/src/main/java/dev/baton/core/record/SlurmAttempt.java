package dev.baton.core.record;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where Slurm ran an attempt (docs/run-record.md#slurm).
 *
 * @param jobId the Slurm job: the attempt's own job, or in allocation mode the allocation's
 * @param task in allocation mode, the pilot's name for the attempt in that allocation (its request
 *     in the pilot's spool directory); empty for an attempt that was its own job
 * @param node the node it ran on
 * @param queueWaitMillis how long it waited between Baton's submission and its start: in the Slurm
 *     queue, or for its allocation to start and the pilot to take it
 */
public record SlurmAttempt(
    String jobId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String task,
    String node,
    long queueWaitMillis) {
  public SlurmAttempt {
    jobId = jobId == null ? "" : jobId;
    task = task == null ? "" : task;
    node = node == null ? "" : node;
  }
}

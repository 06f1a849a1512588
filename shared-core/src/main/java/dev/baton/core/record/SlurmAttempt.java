package dev.baton.core.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where Slurm ran an attempt (docs/run-record.md, "slurm").
 *
 * @param jobId the Slurm job: the attempt's own job, or in allocation mode the allocation's
 * @param task in allocation mode, the pilot's name for the attempt in that allocation (its request
 *     in the pilot's spool directory); empty for an attempt that was its own job
 * @param node the node it ran on
 * @param queueWaitMillis how long it waited between Baton's submission and its start: in the Slurm
 *     queue, or for its allocation, its GPUs in it and the pilot to take it
 * @param startedAt when it started on the node, by the file times of the shared file system; null
 *     where not known
 * @param endedAt when it ended there (its exit code was written): its GPUs went to the next attempt
 *     only after this; null where not known
 */
public record SlurmAttempt(
    String jobId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String task,
    String node,
    long queueWaitMillis,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant startedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant endedAt) {
  public SlurmAttempt {
    jobId = jobId == null ? "" : jobId;
    task = task == null ? "" : task;
    node = node == null ? "" : node;
  }
}

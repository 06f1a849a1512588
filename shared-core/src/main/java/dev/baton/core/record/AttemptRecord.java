package dev.baton.core.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a step.
 *
 * @param exitCode the process exit code (128+N when killed by signal N); null when it never ran
 * @param message why it ended the way it did, for people ("exit code 3", "timed out after 2s")
 * @param leaseWaitMillis how long the attempt waited, before it started, for GPUs or concurrency
 *     slots that other processes on the machine held (0 when it did not wait for any)
 * @param outputs what the attempt wrote to {@code $BATON_OUTPUT}, by name, in the order written;
 *     for a {@code CACHED} attempt those of the run that made the cache entry
 * @param image the container image the attempt ran in, as written; empty (and left out of the JSON)
 *     for a step on the host
 * @param imageDigest the digest of that image the attempt ran ({@code sha256:...}, the image id);
 *     empty on the host
 * @param usage what the attempt used (CPU, memory, I/O, GPUs), where it was measured; null where it
 *     was not (a cached attempt, an executor that cannot measure, sampling switched off)
 * @param slurm the Slurm job and node the attempt ran in; null for an attempt that ran elsewhere
 */
public record AttemptRecord(
    int attempt,
    Instant startedAt,
    Instant endedAt,
    @Nullable Integer exitCode,
    StepState status,
    String agent,
    List<Integer> gpus,
    String message,
    long leaseWaitMillis,
    Map<String, String> outputs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String image,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String imageDigest,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable AttemptUsage usage,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable SlurmAttempt slurm) {
  public AttemptRecord {
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
    outputs = OrderedMaps.copyOf(outputs);
    image = image == null ? "" : image;
    imageDigest = imageDigest == null ? "" : imageDigest;
  }

  /**
   * An attempt on the host that waited for no lease, wrote no outputs and was not measured; the
   * withers add what else is known.
   */
  public static AttemptRecord of(
      int attempt,
      Instant startedAt,
      Instant endedAt,
      @Nullable Integer exitCode,
      StepState status,
      String agent,
      List<Integer> gpus,
      String message) {
    return new AttemptRecord(
        attempt, startedAt, endedAt, exitCode, status, agent, gpus, message, 0, Map.of(), "", "",
        null, null);
  }

  /** This attempt, having waited {@code millis} for another process's lease. */
  public AttemptRecord withLeaseWait(long millis) {
    return new AttemptRecord(
        attempt,
        startedAt,
        endedAt,
        exitCode,
        status,
        agent,
        gpus,
        message,
        millis,
        outputs,
        image,
        imageDigest,
        usage,
        slurm);
  }

  /** This attempt, having written {@code written} to its {@code $BATON_OUTPUT}. */
  public AttemptRecord withOutputs(Map<String, String> written) {
    return new AttemptRecord(
        attempt,
        startedAt,
        endedAt,
        exitCode,
        status,
        agent,
        gpus,
        message,
        leaseWaitMillis,
        written,
        image,
        imageDigest,
        usage,
        slurm);
  }

  /** This attempt, recorded as run in {@code image} at {@code digest}. */
  public AttemptRecord withImage(String image, String digest) {
    return new AttemptRecord(
        attempt,
        startedAt,
        endedAt,
        exitCode,
        status,
        agent,
        gpus,
        message,
        leaseWaitMillis,
        outputs,
        image,
        digest,
        usage,
        slurm);
  }

  /** This attempt with {@code measured} as its usage. */
  public AttemptRecord withUsage(@Nullable AttemptUsage measured) {
    return new AttemptRecord(
        attempt,
        startedAt,
        endedAt,
        exitCode,
        status,
        agent,
        gpus,
        message,
        leaseWaitMillis,
        outputs,
        image,
        imageDigest,
        measured,
        slurm);
  }

  /** This attempt, recorded as run in the Slurm job {@code where}. */
  public AttemptRecord withSlurm(@Nullable SlurmAttempt where) {
    return new AttemptRecord(
        attempt,
        startedAt,
        endedAt,
        exitCode,
        status,
        agent,
        gpus,
        message,
        leaseWaitMillis,
        outputs,
        image,
        imageDigest,
        usage,
        where);
  }

  public long durationMillis() {
    return endedAt == null || startedAt == null
        ? 0
        : endedAt.toEpochMilli() - startedAt.toEpochMilli();
  }
}

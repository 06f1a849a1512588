package dev.baton.core.record;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
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
    Map<String, String> outputs) {
  public AttemptRecord {
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
    outputs =
        outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }

  /** An attempt that wrote no outputs. */
  public AttemptRecord(
      int attempt,
      Instant startedAt,
      Instant endedAt,
      @Nullable Integer exitCode,
      StepState status,
      String agent,
      List<Integer> gpus,
      String message,
      long leaseWaitMillis) {
    this(
        attempt,
        startedAt,
        endedAt,
        exitCode,
        status,
        agent,
        gpus,
        message,
        leaseWaitMillis,
        Map.of());
  }

  /** An attempt that did not wait for another process's lease. */
  public AttemptRecord(
      int attempt,
      Instant startedAt,
      Instant endedAt,
      @Nullable Integer exitCode,
      StepState status,
      String agent,
      List<Integer> gpus,
      String message) {
    this(attempt, startedAt, endedAt, exitCode, status, agent, gpus, message, 0);
  }

  public long durationMillis() {
    return endedAt == null || startedAt == null
        ? 0
        : endedAt.toEpochMilli() - startedAt.toEpochMilli();
  }
}

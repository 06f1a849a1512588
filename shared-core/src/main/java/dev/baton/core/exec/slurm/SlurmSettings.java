package dev.baton.core.exec.slurm;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Site settings for submitting steps to Slurm; each empty value leaves the choice to Slurm (the
 * default partition, the user's default account and QOS).
 *
 * @param partition {@code --partition}
 * @param account {@code --account}
 * @param qos {@code --qos}
 * @param pollInterval the longest wait between two looks at job states; looks start at 100 ms and
 *     grow to this while nothing changes
 * @param extraArgs more {@code sbatch} options, passed last so that they win over Baton's own
 * @param mode a batch job per attempt, or attempts started by Baton's pilot inside allocations it
 *     holds
 * @param allocationIdle in allocation mode, how long an allocation may go without an attempt
 *     running or waiting for it before Baton gives it back; the next step for its node makes a new
 *     one
 */
public record SlurmSettings(
    Optional<String> partition,
    Optional<String> account,
    Optional<String> qos,
    Duration pollInterval,
    List<String> extraArgs,
    SlurmMode mode,
    Duration allocationIdle) {

  /** How long an idle allocation is kept by default: a minute. */
  public static final Duration DEFAULT_ALLOCATION_IDLE = Duration.ofMinutes(1);

  /** The first look at a new job's state comes this soon: short steps finish in a second. */
  static final Duration FIRST_POLL = Duration.ofMillis(100);

  public SlurmSettings {
    partition = partition.filter(s -> !s.isBlank());
    account = account.filter(s -> !s.isBlank());
    qos = qos.filter(s -> !s.isBlank());
    if (pollInterval == null || pollInterval.compareTo(FIRST_POLL) < 0) {
      pollInterval = FIRST_POLL;
    }
    extraArgs = List.copyOf(extraArgs);
    mode = mode == null ? SlurmMode.JOB : mode;
    allocationIdle =
        allocationIdle == null || allocationIdle.isNegative()
            ? DEFAULT_ALLOCATION_IDLE
            : allocationIdle;
  }

  /** Settings for a batch job per attempt. */
  public SlurmSettings(
      Optional<String> partition,
      Optional<String> account,
      Optional<String> qos,
      Duration pollInterval,
      List<String> extraArgs) {
    this(partition, account, qos, pollInterval, extraArgs, SlurmMode.JOB, DEFAULT_ALLOCATION_IDLE);
  }

  /** These settings with {@code other} as the mode. */
  public SlurmSettings withMode(SlurmMode other) {
    return new SlurmSettings(
        partition, account, qos, pollInterval, extraArgs, other, allocationIdle);
  }

  /** No partition, account or QOS of Baton's own; polls at most every second. */
  public static SlurmSettings defaults() {
    return new SlurmSettings(
        Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(1), List.of());
  }
}

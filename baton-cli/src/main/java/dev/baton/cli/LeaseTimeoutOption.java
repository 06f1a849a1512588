package dev.baton.cli;

import dev.baton.core.descriptor.Durations;
import dev.baton.core.errors.UsageException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --lease-timeout}: how long a step waits for GPUs another process on the machine holds. */
final class LeaseTimeoutOption {
  @Option(
      names = "--lease-timeout",
      paramLabel = "DURATION",
      description =
          "Fail a step that waits longer than this (such as 10m) for GPUs or a concurrency slot"
              + " that another process on this machine holds (default: wait as long as it takes).")
  String leaseTimeout;

  Duration value() {
    if (leaseTimeout == null) {
      return Duration.ZERO;
    }
    return Durations.parse(leaseTimeout)
        .orElseThrow(
            () ->
                new UsageException(
                    "--lease-timeout '"
                        + leaseTimeout
                        + "' is not a duration; write it like 30s, 10m or 1h"));
  }
}

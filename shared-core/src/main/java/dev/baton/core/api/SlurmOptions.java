package dev.baton.core.api;

import dev.baton.core.descriptor.Durations;
import dev.baton.core.errors.UsageException;
import dev.baton.core.exec.slurm.SlurmMode;
import dev.baton.core.exec.slurm.SlurmSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns the front ends' executor options into {@link SlurmSettings}, checking each one. */
final class SlurmOptions {
  static final List<String> KEYS = List.of("partition", "account", "qos", "poll", "args", "mode");

  private SlurmOptions() {}

  static SlurmSettings settings(Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!KEYS.contains(key)) {
        throw new UsageException(
            "unknown Slurm option '" + key + "'; use one of " + String.join(", ", KEYS));
      }
    }
    Duration poll = Duration.ofSeconds(1);
    if (options.containsKey("poll")) {
      poll =
          Durations.parse(options.get("poll"))
              .orElseThrow(
                  () ->
                      new UsageException(
                          "Slurm poll interval '"
                              + options.get("poll")
                              + "' is not a duration; "
                              + Durations.HINT));
    }
    String argsText = options.getOrDefault("args", "");
    List<String> args =
        argsText.isBlank() ? List.of() : Arrays.asList(argsText.strip().split("\\s+"));
    SlurmMode mode = SlurmMode.JOB;
    if (options.containsKey("mode")) {
      mode =
          SlurmMode.parse(options.get("mode"))
              .orElseThrow(
                  () ->
                      new UsageException(
                          "Slurm mode '"
                              + options.get("mode")
                              + "' is not known; use job (a batch job per step) or allocation"
                              + " (job steps inside allocations Baton holds)"));
    }
    return new SlurmSettings(
        Optional.ofNullable(options.get("partition")),
        Optional.ofNullable(options.get("account")),
        Optional.ofNullable(options.get("qos")),
        poll,
        args,
        mode);
  }
}

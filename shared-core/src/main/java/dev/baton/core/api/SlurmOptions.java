package dev.baton.core.api;

import dev.baton.core.descriptor.Durations;
import dev.baton.core.errors.UsageException;
import dev.baton.core.exec.slurm.SlurmMode;
import dev.baton.core.exec.slurm.SlurmSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns the front ends' executor options into {@link SlurmSettings}, checking each one. */
final class SlurmOptions {
  static final List<String> KEYS =
      List.of("partition", "account", "qos", "poll", "args", "mode", "idle");

  private SlurmOptions() {}

  /**
   * The descriptor's {@code slurm:} block, with the options the front end passes winning key by
   * key.
   */
  static SlurmSettings settings(Map<String, String> descriptor, Map<String, String> frontEnd) {
    Map<String, String> options = new LinkedHashMap<>(descriptor);
    options.putAll(frontEnd);
    return settings(options);
  }

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
                              + " (steps started by Baton's pilot inside allocations it holds)"));
    }
    Duration idle = SlurmSettings.DEFAULT_ALLOCATION_IDLE;
    if (options.containsKey("idle")) {
      idle =
          Durations.parse(options.get("idle"))
              .orElseThrow(
                  () ->
                      new UsageException(
                          "Slurm allocation idle time '"
                              + options.get("idle")
                              + "' is not a duration; "
                              + Durations.HINT));
    }
    return new SlurmSettings(
        Optional.ofNullable(options.get("partition")),
        Optional.ofNullable(options.get("account")),
        Optional.ofNullable(options.get("qos")),
        poll,
        args,
        mode,
        idle);
  }
}

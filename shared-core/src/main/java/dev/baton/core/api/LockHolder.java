package dev.baton.core.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who holds a {@link WorkspaceLock}, as written into the lock file: the run, its process id, when
 * that process started (so a reused pid is told apart) and since when it holds the lock.
 *
 * @param processStart empty where the platform does not tell
 */
record LockHolder(String runId, long pid, Optional<Instant> processStart, String since) {
  /** Start times read twice may differ by the clock-tick rounding of {@code /proc}. */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  static LockHolder current(String runId, Instant now) {
    ProcessHandle self = ProcessHandle.current();
    return new LockHolder(runId, self.pid(), self.info().startInstant(), now.toString());
  }

  /** The file's content: {@code key=value} lines. */
  String format() {
    return "run="
        + runId
        + "\npid="
        + pid
        + "\nprocessStart="
        + processStart.map(Instant::toString).orElse("")
        + "\nsince="
        + since
        + "\n";
  }

  /** The holder a lock file names; null when it names none (empty, or not written by Baton). */
  static @Nullable LockHolder parse(String content) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : content.split("\n", -1)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    try {
      long pid = Long.parseLong(fields.getOrDefault("pid", ""));
      return new LockHolder(
          fields.getOrDefault("run", "?"),
          pid,
          instant(fields.getOrDefault("processStart", "")),
          fields.getOrDefault("since", "?"));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Whether the named process still runs: its pid is alive and, where both start times are known,
   * started when the lock file says (otherwise the pid was reused by an unrelated process).
   */
  boolean isAlive() {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    Optional<Instant> actual = handle.get().info().startInstant();
    if (processStart.isEmpty() || actual.isEmpty()) {
      return true;
    }
    return Duration.between(processStart.get(), actual.get()).abs().compareTo(START_TOLERANCE) <= 0;
  }

  private static Optional<Instant> instant(String text) {
    try {
      return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

package dev.baton.core.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When a process started, as {@link ProcessHandle.Info#startInstant()} says it — boot time plus the
 * start field of {@code /proc/<pid>/stat} in clock ticks — from that one file: the JDK's {@code
 * info()} also reads the process's command line, executable and owner, three times the work, on the
 * engine's thread once per step. Elsewhere, or where {@code /proc} cannot be read, the JDK's.
 */
public final class ProcessStarts {
  // USER_HZ, what /proc counts start times in: 100 on x86-64 and aarch64 Linux.
  private static final long TICKS_PER_SECOND = 100;
  private static final long BOOT_MILLIS = bootMillis();

  private ProcessStarts() {}

  /** The start of process {@code pid}, or null where it is gone or the platform does not tell. */
  public static @Nullable Instant of(long pid) {
    if (pid <= 0) {
      return null;
    }
    if (BOOT_MILLIS > 0) {
      try {
        String stat =
            new String(
                Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")),
                StandardCharsets.US_ASCII);
        // Fields after the command name, which may hold spaces and ')': state is field 3, the
        // start time field 22.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 21);
        long ticks = Long.parseLong(fields[19]);
        return Instant.ofEpochMilli(BOOT_MILLIS + ticks * 1000 / TICKS_PER_SECOND);
      } catch (IOException | RuntimeException e) {
        // gone, or not Linux's /proc: the JDK says
      }
    }
    return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).orElse(null);
  }

  private static long bootMillis() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("btime ")) {
          return Long.parseLong(line.substring(6).strip()) * 1000;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return 0;
  }
}

package dev.baton.core.report;

import java.util.Locale;

/** Durations as people read them in reports: {@code 120 ms}, {@code 12.3 s}, {@code 2 min 05 s}. */
public final class HumanDuration {
  private HumanDuration() {}

  /** Formats milliseconds; negative values (clock skew) read as zero. */
  public static String format(long millis) {
    long ms = Math.max(0, millis);
    if (ms < 1_000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long seconds = ms / 1000;
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
  }

  /** Seconds with three decimals and a dot, as JUnit XML readers expect: {@code 12.345}. */
  public static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", Math.max(0, millis) / 1000.0);
  }
}

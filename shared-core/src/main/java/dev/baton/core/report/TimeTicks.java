package dev.baton.core.report;

import java.util.ArrayList;
import java.util.List;

/** Round tick marks for a time axis: every 1 s, 5 s, 30 s, 1 min... so about eight fit. */
final class TimeTicks {
  private static final long[] STEPS_MS = {
    100,
    200,
    500,
    1_000,
    2_000,
    5_000,
    10_000,
    15_000,
    30_000,
    60_000,
    120_000,
    300_000,
    600_000,
    900_000,
    1_800_000,
    3_600_000,
    7_200_000,
    10_800_000,
    21_600_000,
    43_200_000,
    86_400_000
  };

  private TimeTicks() {}

  /** Tick offsets in milliseconds from 0 to at most {@code spanMillis}. */
  static List<Long> ticks(long spanMillis, int maxTicks) {
    long span = Math.max(1, spanMillis);
    long step = STEPS_MS[STEPS_MS.length - 1];
    for (long candidate : STEPS_MS) {
      if (span / candidate <= maxTicks) {
        step = candidate;
        break;
      }
    }
    List<Long> ticks = new ArrayList<>();
    for (long t = 0; t <= span; t += step) {
      ticks.add(t);
    }
    return ticks;
  }

  /** A compact offset label: {@code 0s}, {@code 1.5s}, {@code 2m}, {@code 2m30s}, {@code 1h15m}. */
  static String label(long offsetMillis) {
    if (offsetMillis < 10_000 && offsetMillis % 1000 != 0) {
      return Html.num(Math.round(offsetMillis / 100.0) / 10.0) + "s";
    }
    long seconds = offsetMillis / 1000;
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }
    long minutes = (seconds % 3600) / 60;
    return seconds / 3600 + "h" + (minutes == 0 ? "" : minutes + "m");
  }
}

package dev.baton.core.report;

import java.util.ArrayList;
import java.util.List;

/** Round tick values for a numeric axis: steps of 1, 2 or 5 times a power of ten. */
final class NiceTicks {
  private NiceTicks() {}

  /** Ticks inside {@code [lo, hi]}, about {@code count} of them. */
  static List<Double> between(double lo, double hi, int count) {
    List<Double> ticks = new ArrayList<>();
    if (!(hi > lo)) {
      ticks.add(lo);
      return ticks;
    }
    double raw = (hi - lo) / Math.max(1, count);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double residual = raw / magnitude;
    double step = (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
    for (double tick = Math.ceil(lo / step) * step; tick <= hi + step * 1e-9; tick += step) {
      // Snap away floating-point dust such as 0.30000000000000004.
      ticks.add(Math.round(tick / step) * step);
    }
    return ticks;
  }
}

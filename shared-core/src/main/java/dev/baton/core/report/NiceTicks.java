package dev.baton.core.report;

import java.math.BigDecimal;
import java.math.MathContext;
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
    for (long k = (long) Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++) {
      // Ten significant digits drop floating-point dust such as 0.30000000000000004.
      ticks.add(new BigDecimal(k * step).round(new MathContext(10)).doubleValue());
    }
    return ticks;
  }
}

package dev.baton.core.stages;

import dev.baton.core.descriptor.GateSpec;
import dev.baton.core.record.GateResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Judges one object gate: {@code min}, {@code max}, and a move from a baseline. */
final class BoundGate {
  private BoundGate() {}

  static GateResult judge(
      GateSpec.Bound gate, Map<String, Double> metrics, GateEvaluator.BaselineValues baselines) {
    Double value = metrics.get(gate.metric());
    if (value == null) {
      return new GateResult(
          gate.name(), false, null, null, null, GateEvaluator.missing(gate.metric(), metrics));
    }
    double low = Double.NEGATIVE_INFINITY;
    double high = Double.POSITIVE_INFINITY;
    if (gate.min().isPresent()) {
      low = gate.min().get();
    }
    if (gate.max().isPresent()) {
      high = gate.max().get();
    }
    List<String> notes = new ArrayList<>();
    Double base = null;
    if (gate.baseline().isPresent()) {
      String name = gate.baseline().get();
      Optional<Double> stored = baselines.value(name, gate.metric());
      if (stored.isEmpty()) {
        notes.add(baselines.missing(name));
      } else {
        base = stored.get();
        if (gate.maxDrop().isPresent()) {
          low = Math.max(low, base - gate.maxDrop().get().allowance(base));
        }
        if (gate.maxRise().isPresent()) {
          high = Math.min(high, base + gate.maxRise().get().allowance(base));
        }
        double change = value - base;
        boolean better = gate.higherIsBetter() ? change > 0 : change < 0;
        notes.add(
            name
                + " "
                + text(base)
                + (change == 0
                    ? ", unchanged"
                    : (better ? ", improved by " : ", worse by ") + text(Math.abs(change))));
      }
    }
    boolean passed = value >= low && value <= high;
    Object threshold = threshold(low, high);
    String message =
        gate.metric()
            + " = "
            + text(value)
            + (passed ? ", within " : ", outside ")
            + (threshold == null ? "no bound" : bounds(low, high))
            + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    return new GateResult(gate.name(), passed, value, threshold, base, message);
  }

  /** The single bound as a number, both as text, or null when there is none. */
  private static @Nullable Object threshold(double low, double high) {
    boolean hasLow = low != Double.NEGATIVE_INFINITY;
    boolean hasHigh = high != Double.POSITIVE_INFINITY;
    if (hasLow && hasHigh) {
      return bounds(low, high);
    }
    return hasLow ? (Object) round(low) : hasHigh ? (Object) round(high) : null;
  }

  private static String bounds(double low, double high) {
    List<String> parts = new ArrayList<>();
    if (low != Double.NEGATIVE_INFINITY) {
      parts.add(">= " + text(low));
    }
    if (high != Double.POSITIVE_INFINITY) {
      parts.add("<= " + text(high));
    }
    return String.join(" and ", parts);
  }

  /** Rounded so a bound computed as 0.9 - 0.01 reads 0.89, not 0.8900000000000001. */
  static double round(double v) {
    return new BigDecimal(v).round(new MathContext(12)).doubleValue();
  }

  static String text(@Nullable Object v) {
    if (v instanceof Double d) {
      return BigDecimal.valueOf(round(d)).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(v);
  }
}

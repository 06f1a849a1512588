package dev.baton.core.descriptor;

import dev.baton.core.errors.SourcePosition;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A condition on metrics: an expression over metric names, or bounds on one metric. */
public sealed interface GateSpec permits GateSpec.Expr, GateSpec.Bound {

  /** The gate as people read it in reports: its expression, or its metric and bounds. */
  String name();

  /**
   * An expression such as {@code accuracy >= 0.90 && loss < 0.3}. Its names are metrics, except
   * {@code needs.<step>.outputs.<name>}, {@code needs.<step>.result} and {@code
   * needs.<step>.cells}, which read the steps the gate's step needs.
   *
   * @param position where the gate is written, for problems found while planning
   * @param needs the {@code needs.*} names the gate reads, with their values: set when the step
   *     becomes ready (its needs have ended); empty before
   */
  record Expr(String text, SourcePosition position, Map<String, Object> needs) implements GateSpec {
    public Expr {
      // A matrix need's list may hold null (a cell that did not write the output).
      needs = Collections.unmodifiableMap(new LinkedHashMap<>(needs));
    }

    public Expr(String text) {
      this(text, SourcePosition.of("gate"), Map.of());
    }

    public Expr(String text, SourcePosition position) {
      this(text, position, Map.of());
    }

    /** This gate with the values of the {@code needs.*} names it reads. */
    public Expr withNeeds(Map<String, Object> values) {
      return new Expr(text, position, values);
    }

    @Override
    public String name() {
      return text;
    }
  }

  /**
   * Bounds on one metric, optionally against a stored baseline.
   *
   * @param baseline the stored baseline's name ({@code champion}); empty when none
   * @param higherIsBetter from {@code direction}; reports call a change an improvement or not
   */
  record Bound(
      String metric,
      Optional<Double> min,
      Optional<Double> max,
      Optional<String> baseline,
      Optional<Tolerance> maxDrop,
      Optional<Tolerance> maxRise,
      boolean higherIsBetter)
      implements GateSpec {

    @Override
    public String name() {
      StringBuilder b = new StringBuilder(metric);
      min.ifPresent(v -> b.append(" >= ").append(Tolerance.plain(v)));
      max.ifPresent(v -> b.append(" <= ").append(Tolerance.plain(v)));
      baseline.ifPresent(
          n -> {
            b.append(" vs ").append(n);
            maxDrop.ifPresent(t -> b.append(" maxDrop ").append(t));
            maxRise.ifPresent(t -> b.append(" maxRise ").append(t));
          });
      return b.toString();
    }
  }

  /**
   * How far a metric may move from its baseline: absolute ({@code 0.01}) or relative ({@code 1%}).
   *
   * @param amount the absolute amount, or the fraction of the baseline when relative
   */
  record Tolerance(double amount, boolean relative) {

    /** The allowed move away from {@code baselineValue}. */
    public double allowance(double baselineValue) {
      return relative ? Math.abs(baselineValue) * amount : amount;
    }

    @Override
    public String toString() {
      return relative ? plain(amount * 100) + "%" : plain(amount);
    }

    static String plain(double v) {
      return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
  }
}

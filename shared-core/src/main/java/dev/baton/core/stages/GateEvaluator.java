package dev.baton.core.stages;

import dev.baton.core.descriptor.GateSpec;
import dev.baton.core.expr.Bindings;
import dev.baton.core.expr.Expression;
import dev.baton.core.expr.ExpressionException;
import dev.baton.core.record.GateResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Judges gates against metrics and stored baselines; a missing metric fails its gate. */
public final class GateEvaluator {
  private static final Pattern SIMPLE =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*(>=|<=|==|!=|>|<)\\s*(-?[0-9.eE+-]+)\\s*");

  /** Finds a baseline's value of a metric: (baseline name, metric) to value. */
  @FunctionalInterface
  public interface BaselineValues {
    Optional<Double> value(String baseline, String metric);

    /** Why {@code baseline} has no value for a gate, which then judges min/max only. */
    default String missing(String baseline) {
      return "no baseline '" + baseline + "' for this hardware yet, so only min/max apply";
    }

    /** No baselines at all. */
    BaselineValues NONE = (b, m) -> Optional.empty();
  }

  private GateEvaluator() {}

  /** Every gate's result, in order. */
  public static List<GateResult> evaluate(
      List<GateSpec> gates, Map<String, Double> metrics, BaselineValues baselines) {
    List<GateResult> out = new ArrayList<>();
    for (GateSpec gate : gates) {
      if (gate instanceof GateSpec.Expr e) {
        out.add(expression(e, metrics));
      } else {
        out.add(BoundGate.judge((GateSpec.Bound) gate, metrics, baselines));
      }
    }
    return out;
  }

  /** True when every gate passed. */
  public static boolean allPassed(List<GateResult> results) {
    return results.stream().allMatch(r -> Boolean.TRUE.equals(r.passed()));
  }

  static GateResult expression(GateSpec.Expr gate, Map<String, Double> metrics) {
    Expression expr = Expression.parse(gate.text());
    for (String name : expr.references()) {
      if (!metrics.containsKey(name) && !gate.needs().containsKey(name)) {
        return new GateResult(gate.name(), false, null, gate.text(), null, missing(name, metrics));
      }
    }
    // The needs' values (set when the step became ready) beside the metrics, under their names.
    Map<String, Object> known = new LinkedHashMap<>(metrics);
    known.putAll(gate.needs());
    Object value;
    Object threshold = gate.text();
    Matcher simple = SIMPLE.matcher(gate.text());
    String shown;
    if (simple.matches()) {
      value = known.get(simple.group(1));
      threshold = simple.group(2) + " " + simple.group(3);
      shown = simple.group(1) + " = " + BoundGate.text(value);
    } else {
      Map<String, Object> values = new LinkedHashMap<>();
      expr.references().forEach(n -> values.put(n, known.get(n)));
      value = values.size() == 1 ? values.values().iterator().next() : values;
      shown =
          values.size() == 1
              ? values.keySet().iterator().next() + " = " + BoundGate.text(value)
              : "values " + value;
    }
    try {
      boolean passed = expr.test(Bindings.of(known));
      String message = shown + (passed ? ", passes " : ", fails ") + gate.text();
      return new GateResult(gate.name(), passed, value, threshold, null, message);
    } catch (ExpressionException e) {
      return new GateResult(
          gate.name(), false, value, threshold, null, e.problem() + "; " + e.hint());
    }
  }

  static String missing(String name, Map<String, Double> metrics) {
    return "metric '"
        + name
        + "' is missing"
        + (metrics.isEmpty()
            ? " (no metrics were found)"
            : " (found: " + String.join(", ", metrics.keySet()) + ")")
        + "; write it to the metrics file or fix the gate's name";
  }
}

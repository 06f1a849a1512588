package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.expr.Expression;
import dev.baton.core.expr.ExpressionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads gates ({@code accuracy >= 0.9} or {@code {metric: auc, min: 0.85}}) and tolerances. */
final class GateReader {
  private static final List<String> KEYS =
      List.of("metric", "min", "max", "baseline", "maxDrop", "maxRise", "direction");

  private GateReader() {}

  static List<GateSpec> list(YamlNode node, String what, NodeReader r) {
    List<GateSpec> out = new ArrayList<>();
    if (!(node instanceof YamlList list) || list.items().isEmpty()) {
      r.wrongType(node, what, "a non-empty list of gates, such as [accuracy >= 0.90]");
      return out;
    }
    for (YamlNode item : list.items()) {
      gate(item, "a gate of " + what, r).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<GateSpec> gate(YamlNode node, String what, NodeReader r) {
    if (node instanceof Scalar s && s.type() == YamlNode.ScalarType.STRING) {
      try {
        Expression.parse(s.text());
      } catch (ExpressionException e) {
        r.problem(
            s.position().shiftColumns(e.offset() + (s.quoted() ? 1 : 0)),
            e.problem() + " in " + what,
            e.hint());
        return Optional.empty();
      }
      return Optional.of(
          new GateSpec.Expr(s.text(), s.position().shiftColumns(s.quoted() ? 1 : 0)));
    }
    if (!(node instanceof YamlMap m)) {
      r.wrongType(
          node, what, "an expression such as 'accuracy >= 0.90' or a mapping with 'metric'");
      return Optional.empty();
    }
    r.checkKeys(m, what, KEYS, Map.of());
    Optional<String> metric =
        StageReader.required(m, "metric", what, r).flatMap(n -> r.string(n, what + ".metric"));
    Optional<Double> min = NodeReader.get(m, "min").flatMap(n -> r.number(n, what + ".min"));
    Optional<Double> max = NodeReader.get(m, "max").flatMap(n -> r.number(n, what + ".max"));
    Optional<String> baseline =
        NodeReader.get(m, "baseline").flatMap(n -> r.string(n, what + ".baseline"));
    baseline.ifPresent(
        b ->
            ModelAlias.problem(b)
                .ifPresent(
                    why ->
                        r.problem(
                            NodeReader.get(m, "baseline").get().position(),
                            what + ".baseline '" + b + "' " + why,
                            ModelAlias.HINT)));
    Optional<GateSpec.Tolerance> drop =
        NodeReader.get(m, "maxDrop").flatMap(n -> tolerance(n, what + ".maxDrop", r));
    Optional<GateSpec.Tolerance> rise =
        NodeReader.get(m, "maxRise").flatMap(n -> tolerance(n, what + ".maxRise", r));
    String direction =
        NodeReader.get(m, "direction")
            .flatMap(n -> r.string(n, what + ".direction"))
            .orElse("higher");
    if (!direction.equals("higher") && !direction.equals("lower")) {
      r.problem(
          m.position(),
          what + ".direction must be 'higher' or 'lower', not '" + direction + "'",
          "");
    }
    if (min.isEmpty() && max.isEmpty() && drop.isEmpty() && rise.isEmpty()) {
      r.problem(
          m.position(),
          what + " has no bound",
          "add min, max, or a baseline with maxDrop or maxRise");
    }
    if ((drop.isPresent() || rise.isPresent()) && baseline.isEmpty()) {
      r.problem(
          m.position(),
          what + " has maxDrop or maxRise but no baseline",
          "add 'baseline: champion' (the name a run's figures were promoted under)");
    }
    return metric.map(
        name ->
            new GateSpec.Bound(name, min, max, baseline, drop, rise, !direction.equals("lower")));
  }

  /** {@code 0.01} is absolute; {@code 1%} is relative (a fraction of the baseline, 0.01). */
  static Optional<GateSpec.Tolerance> tolerance(YamlNode node, String what, NodeReader r) {
    if (node instanceof Scalar s && s.text().strip().endsWith("%")) {
      String digits = s.text().strip();
      digits = digits.substring(0, digits.length() - 1).strip();
      if (digits.matches("\\d+(\\.\\d+)?")) {
        return Optional.of(new GateSpec.Tolerance(Double.parseDouble(digits) / 100, true));
      }
    } else if (node instanceof Scalar s
        && (s.type() == YamlNode.ScalarType.INTEGER || s.type() == YamlNode.ScalarType.DECIMAL)) {
      double v = Double.parseDouble(s.text().strip());
      if (v >= 0) {
        return Optional.of(new GateSpec.Tolerance(v, false));
      }
    }
    r.wrongType(node, what, "a number of at least 0 (0.01) or a percentage (1%)");
    return Optional.empty();
  }
}

package dev.baton.core.descriptor;

import dev.baton.core.descriptor.yaml.NodeReader;
import dev.baton.core.descriptor.yaml.YamlNode;
import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a step's {@code needs}: step names, cell ids ({@code train[lr=0.1]}) and subsets ({@code
 * {step: train, matrix: {model: large}}}). The needed steps' names come back in order, once each;
 * the needs on part of a step are added to {@code cells}. A step needed whole and in part is needed
 * whole.
 */
final class NeedsReader {
  private NeedsReader() {}

  static List<String> read(YamlNode node, String what, List<NeedSpec> cells, NodeReader r) {
    List<YamlNode> items;
    if (node instanceof YamlList list) {
      items = list.items();
    } else if (node instanceof Scalar s && s.type() == YamlNode.ScalarType.STRING) {
      items = List.of(node);
    } else {
      r.wrongType(node, what, "a list of step names");
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    Set<String> whole = new LinkedHashSet<>();
    List<NeedSpec> parts = new ArrayList<>();
    for (YamlNode item : items) {
      if (item instanceof YamlMap m) {
        subset(m, what, r)
            .ifPresent(
                n -> {
                  names.add(n.step());
                  parts.add(n);
                });
        continue;
      }
      Optional<String> text = r.string(item, "each item of " + what);
      if (text.isEmpty()) {
        continue;
      }
      String t = text.get().strip();
      int bracket = t.indexOf('[');
      if (bracket > 0 && t.endsWith("]")) {
        String step = t.substring(0, bracket);
        Map<String, String> values = cellValues(t.substring(bracket + 1, t.length() - 1));
        if (values.isEmpty()) {
          r.problem(
              item.position(),
              what + " item '" + t + "' names no matrix values",
              "name a cell as step[key=value,...], such as train[lr=0.1]");
          continue;
        }
        names.add(step);
        parts.add(new NeedSpec(step, values, t, item.position()));
      } else {
        names.add(t);
        whole.add(t);
      }
    }
    for (NeedSpec n : parts) {
      if (!whole.contains(n.step())) {
        cells.add(n);
      }
    }
    return List.copyOf(names);
  }

  private static Optional<NeedSpec> subset(YamlMap m, String what, NodeReader r) {
    String where = what + " item";
    r.checkKeys(m, where, List.of("step", "matrix"), Map.of());
    Optional<String> step = NodeReader.get(m, "step").flatMap(n -> r.string(n, where + ".step"));
    if (NodeReader.get(m, "step").isEmpty()) {
      r.problem(
          m.position(),
          where + " has no 'step'",
          "write {step: train, matrix: {model: large}}, or the step's name alone");
    }
    Map<String, String> matrix =
        NodeReader.get(m, "matrix").map(n -> r.stringMap(n, where + ".matrix")).orElse(Map.of());
    if (NodeReader.get(m, "matrix").isPresent() && matrix.isEmpty()) {
      r.problem(
          m.position(),
          where + ".matrix is empty",
          "give the matrix values the needed cells have, such as {model: large}, or name the"
              + " step alone to need all its cells");
    }
    if (step.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new NeedSpec(step.get(), matrix, "", m.position()));
  }

  /**
   * {@code lr=0.1,bs=32} as values; a comma followed by text without {@code =} belongs to the value
   * before it, so values may hold commas. Empty when the text has no {@code key=value}.
   */
  static Map<String, String> cellValues(String inside) {
    Map<String, String> values = new LinkedHashMap<>();
    String key = null;
    StringBuilder value = new StringBuilder();
    for (String part : inside.split(",", -1)) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_-]*")) {
        if (key != null) {
          values.put(key, value.toString());
        }
        key = part.substring(0, eq);
        value = new StringBuilder(part.substring(eq + 1));
      } else if (key != null) {
        value.append(',').append(part);
      } else {
        return Map.of();
      }
    }
    if (key != null) {
      values.put(key, value.toString());
    }
    return values;
  }
}

package dev.baton.core.descriptor.yaml;

import dev.baton.core.descriptor.yaml.YamlNode.Scalar;
import dev.baton.core.descriptor.yaml.YamlNode.ScalarType;
import dev.baton.core.descriptor.yaml.YamlNode.YamlList;
import dev.baton.core.descriptor.yaml.YamlNode.YamlMap;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.DidYouMean;
import dev.baton.core.errors.SourcePosition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed access to a {@link YamlNode} tree that records a positioned problem for every mismatch and
 * carries on, so one pass finds every mistake.
 */
public final class NodeReader {
  private final List<DescriptorProblem> problems;

  public NodeReader(List<DescriptorProblem> problems) {
    this.problems = problems;
  }

  public void problem(SourcePosition at, String message, String hint) {
    problems.add(new DescriptorProblem(at, message, hint));
  }

  public List<DescriptorProblem> problems() {
    return problems;
  }

  /**
   * Reports keys of {@code map} that are not in {@code allowed}; {@code later} names keys that a
   * later Baton version supports, which get a "not supported yet" message instead.
   */
  public void checkKeys(
      YamlMap map, String where, Collection<String> allowed, Map<String, String> later) {
    for (YamlNode.Entry e : map.entries().values()) {
      if (allowed.contains(e.key())) {
        continue;
      }
      if (later.containsKey(e.key())) {
        problem(
            e.keyPosition(),
            "'" + e.key() + "' in " + where + " is not supported yet",
            later.get(e.key()));
        continue;
      }
      String hint = DidYouMean.hint(e.key(), allowed);
      problem(
          e.keyPosition(),
          "unknown key '" + e.key() + "' in " + where,
          hint.isEmpty() ? "allowed keys: " + String.join(", ", allowed) : hint);
    }
  }

  public Optional<YamlMap> map(YamlNode node, String what) {
    if (node instanceof YamlMap m) {
      return Optional.of(m);
    }
    if (node instanceof Scalar s && s.type() == ScalarType.NULL) {
      return Optional.of(new YamlMap(s.position(), Map.of()));
    }
    wrongType(node, what, "a mapping (key: value lines)");
    return Optional.empty();
  }

  public Optional<String> string(YamlNode node, String what) {
    if (node instanceof Scalar s && s.type() != ScalarType.NULL) {
      return Optional.of(s.text());
    }
    wrongType(node, what, "a string");
    return Optional.empty();
  }

  /** A scalar of any type as text: parameters and env values may be written as numbers. */
  public Optional<String> scalarText(YamlNode node, String what) {
    if (node instanceof Scalar s) {
      return Optional.of(s.text());
    }
    wrongType(node, what, "a single value (a string, number or boolean)");
    return Optional.empty();
  }

  public Optional<Integer> integer(YamlNode node, String what, int min) {
    if (node instanceof Scalar s && s.type() == ScalarType.INTEGER) {
      try {
        int v = Integer.parseInt(s.text().strip());
        if (v >= min) {
          return Optional.of(v);
        }
        problem(s.position(), what + " must be at least " + min + ", not " + v, "");
        return Optional.empty();
      } catch (NumberFormatException e) {
        problem(s.position(), what + " is too large: " + s.text(), "");
        return Optional.empty();
      }
    }
    wrongType(node, what, "a whole number");
    return Optional.empty();
  }

  public Optional<Double> number(YamlNode node, String what) {
    if (node instanceof Scalar s
        && (s.type() == ScalarType.INTEGER || s.type() == ScalarType.DECIMAL)) {
      return Optional.of(Double.parseDouble(s.text().strip()));
    }
    wrongType(node, what, "a number");
    return Optional.empty();
  }

  public Optional<Boolean> bool(YamlNode node, String what) {
    if (node instanceof Scalar s && s.type() == ScalarType.BOOLEAN) {
      return Optional.of(Boolean.parseBoolean(s.text().strip().toLowerCase(Locale.ROOT)));
    }
    wrongType(node, what, "true or false");
    return Optional.empty();
  }

  /** A list of strings; a single string is accepted as a one-item list. */
  public List<String> stringList(YamlNode node, String what) {
    List<String> out = new ArrayList<>();
    if (node instanceof Scalar s && s.type() == ScalarType.STRING) {
      out.add(s.text());
      return out;
    }
    if (!(node instanceof YamlList list)) {
      wrongType(node, what, "a list of strings");
      return out;
    }
    for (YamlNode item : list.items()) {
      string(item, "each item of " + what).ifPresent(out::add);
    }
    return out;
  }

  /** A mapping of names to scalar values, as text, in order. */
  public Map<String, String> stringMap(YamlNode node, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    map(node, what)
        .ifPresent(
            m -> {
              for (YamlNode.Entry e : m.entries().values()) {
                scalarText(e.value(), what + "." + e.key()).ifPresent(v -> out.put(e.key(), v));
              }
            });
    return out;
  }

  public void wrongType(YamlNode node, String what, String expected) {
    problem(node.position(), what + " must be " + expected + ", not " + node.describe(), "");
  }

  /** The value under {@code key}, if present. */
  public static Optional<YamlNode> get(YamlMap map, String key) {
    YamlNode.Entry e = map.entries().get(key);
    return e == null ? Optional.empty() : Optional.of(e.value());
  }

  public static Set<String> keys(YamlMap map) {
    return map.entries().keySet();
  }
}

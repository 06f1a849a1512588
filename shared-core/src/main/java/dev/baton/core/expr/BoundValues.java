package dev.baton.core.expr;

import dev.baton.core.errors.DidYouMean;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Looks names up in {@link Bindings} and turns what it finds into expression values. */
final class BoundValues {
  private BoundValues() {}

  /**
   * The value of a dotted name; a name listed by {@link Bindings#names()} with no lookup value is
   * bound to null, any other missing name is an error with a did-you-mean hint.
   */
  static @Nullable Object resolve(Bindings bindings, List<String> path, int offset) {
    Optional<Object> found = bindings.lookup(path);
    if (found.isPresent()) {
      Object raw = found.get();
      // The common case, a text value (every matrix cell's), needs no dotted name.
      return raw instanceof String ? raw : normalize(raw, String.join(".", path), offset);
    }
    String dotted = String.join(".", path);
    Set<String> names = bindings.names();
    if (names.contains(dotted)) {
      return null;
    }
    throw new ExpressionException(offset, "unknown name '" + dotted + "'", hint(dotted, names));
  }

  private static String hint(String dotted, Set<String> names) {
    String suggestion = DidYouMean.hint(dotted, names);
    if (!suggestion.isEmpty() || names.isEmpty()) {
      return suggestion;
    }
    String group = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : "";
    Set<String> siblings = new TreeSet<>();
    Set<String> groups = new TreeSet<>();
    for (String name : names) {
      int dot = name.indexOf('.');
      groups.add(dot < 0 ? name : name.substring(0, dot) + ".*");
      if (!group.isEmpty() && name.startsWith(group + ".")) {
        siblings.add(name);
      }
    }
    Set<String> shown = siblings.isEmpty() ? groups : siblings;
    return shown.size() > 12 ? "" : "known names: " + String.join(", ", shown);
  }

  private static Object normalize(Object raw, String dotted, int offset) {
    if (raw == null || raw instanceof String || raw instanceof Boolean) {
      return raw;
    }
    if (raw instanceof Number n) {
      return number(n);
    }
    if (raw instanceof Map<?, ?> group) {
      String example = group.isEmpty() ? "name" : String.valueOf(group.keySet().iterator().next());
      throw new ExpressionException(
          offset,
          "'" + dotted + "' is a group of values, not a single value",
          "name one of them, like '" + dotted + "." + example + "'");
    }
    if (raw instanceof Collection<?> items) {
      List<Object> values = new ArrayList<>(items.size());
      for (Object item : items) {
        values.add(normalize(item, dotted, offset));
      }
      return Collections.unmodifiableList(values);
    }
    if (raw instanceof Enum<?> e) {
      return e.name();
    }
    return raw.toString();
  }

  /** Floating-point values go through their shortest decimal form, so 0.1 stays 0.1. */
  private static Object number(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (n instanceof Float f) {
      return Float.isFinite(f) ? new BigDecimal(Float.toString(f)) : f.toString();
    }
    if (n instanceof Double d) {
      return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : d.toString();
    }
    return Values.numberOf(n.toString()).<Object>map(d -> d).orElse(n.toString());
  }
}

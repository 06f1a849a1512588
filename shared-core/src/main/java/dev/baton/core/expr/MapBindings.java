package dev.baton.core.expr;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@link Bindings} read from nested maps; see {@link Bindings#of(Map)}. */
final class MapBindings implements Bindings {
  private static final Object MISSING = new Object();

  private final Map<String, ?> root;

  MapBindings(Map<String, ?> root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  @Override
  public Optional<Object> lookup(List<String> path) {
    Object found = find(root, path, 0);
    return found == MISSING ? Optional.empty() : Optional.ofNullable(found);
  }

  /**
   * Tries path[from], then path[from].path[from+1] joined with a dot, and so on, as keys of {@code
   * map}, descending into nested maps; MISSING when no split of the path matches.
   */
  private static Object find(Map<?, ?> map, List<String> path, int from) {
    StringBuilder key = null; // only for a dotted key: most lookups are one name per level
    for (int end = from; end < path.size(); end++) {
      String name;
      if (end == from) {
        name = path.get(end);
      } else {
        if (key == null) {
          key = new StringBuilder(path.get(from));
        }
        name = key.append('.').append(path.get(end)).toString();
      }
      Object value = get(map, name);
      if (value == MISSING) {
        continue;
      }
      if (end == path.size() - 1) {
        return value;
      }
      if (value instanceof Map<?, ?> nested) {
        Object found = find(nested, path, end + 1);
        if (found != MISSING) {
          return found;
        }
      }
    }
    return MISSING;
  }

  /** Keys are compared as text, so a map parsed from YAML with number keys still matches. */
  private static Object get(Map<?, ?> map, String key) {
    try {
      if (map.containsKey(key)) {
        return map.get(key);
      }
    } catch (ClassCastException keysAreNotStrings) {
      // a sorted map of numbers cannot be asked about a String; the scan below still can
    }
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String) && String.valueOf(entry.getKey()).equals(key)) {
        return entry.getValue();
      }
    }
    return MISSING;
  }

  @Override
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    collect(root, "", names);
    return names;
  }

  private static void collect(Map<?, ?> map, String prefix, Set<String> names) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String name = prefix + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> nested && !nested.isEmpty()) {
        collect(nested, name + ".", names);
      } else {
        names.add(name);
      }
    }
  }
}

package dev.baton.core.plan;

import dev.baton.core.descriptor.MatrixSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a matrix into cells with GitHub Actions' semantics: the cross product of the axes, minus
 * cells matching an {@code exclude} entry, then each {@code include} entry either extends the cells
 * it matches on the original axes or, matching none, adds a cell of its own.
 */
final class MatrixExpander {
  private MatrixExpander() {}

  static List<Map<String, String>> cells(MatrixSpec matrix) {
    List<Map<String, String>> cells = new ArrayList<>();
    if (!matrix.axes().isEmpty()) {
      cells.add(new LinkedHashMap<>());
      for (Map.Entry<String, List<String>> axis : matrix.axes().entrySet()) {
        List<Map<String, String>> next = new ArrayList<>();
        for (Map<String, String> cell : cells) {
          for (String value : axis.getValue()) {
            Map<String, String> c = new LinkedHashMap<>(cell);
            c.put(axis.getKey(), value);
            next.add(c);
          }
        }
        cells = next;
      }
    }
    cells.removeIf(cell -> matrix.exclude().stream().anyMatch(ex -> matches(cell, ex)));
    int original = cells.size();
    for (Map<String, String> inc : matrix.include()) {
      Map<String, String> onAxes = new LinkedHashMap<>();
      inc.forEach(
          (k, v) -> {
            if (matrix.axes().containsKey(k)) onAxes.put(k, v);
          });
      boolean extended = false;
      if (onAxes.size() < inc.size()) {
        for (int i = 0; i < original; i++) {
          if (matches(cells.get(i), onAxes)) {
            cells.get(i).putAll(inc);
            extended = true;
          }
        }
      }
      if (!extended && cells.stream().noneMatch(c -> c.equals(inc))) {
        cells.add(new LinkedHashMap<>(inc));
      }
    }
    return cells;
  }

  private static boolean matches(Map<String, String> cell, Map<String, String> pattern) {
    for (Map.Entry<String, String> e : pattern.entrySet()) {
      if (!e.getValue().equals(cell.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** {@code train[lr=0.01,bs=32]}; a step without a matrix keeps its name. */
  static String id(String step, Map<String, String> cell) {
    if (cell.isEmpty()) {
      return step;
    }
    StringBuilder sb = new StringBuilder(step).append('[');
    boolean first = true;
    for (Map.Entry<String, String> e : cell.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      sb.append(e.getKey()).append('=').append(e.getValue());
      first = false;
    }
    return sb.append(']').toString();
  }
}

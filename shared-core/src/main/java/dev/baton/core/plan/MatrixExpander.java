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

  /**
   * The cells in order (the first axis varies slowest), each a {@link FrozenMap} that shares the
   * axis names with every other cell and the values with the matrix.
   */
  static List<Map<String, String>> cells(MatrixSpec matrix) {
    List<Map<String, String>> cells = crossProduct(matrix);
    if (!matrix.exclude().isEmpty()) {
      cells.removeIf(cell -> matrix.exclude().stream().anyMatch(ex -> matches(cell, ex)));
    }
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
            Map<String, String> merged = new LinkedHashMap<>(cells.get(i));
            merged.putAll(inc);
            cells.set(i, FrozenMap.of(merged));
            extended = true;
          }
        }
      }
      if (!extended && cells.stream().noneMatch(c -> c.equals(inc))) {
        cells.add(FrozenMap.of(inc));
      }
    }
    return cells;
  }

  /** Every combination of the axes' values, counted like an odometer: the last axis turns first. */
  private static List<Map<String, String>> crossProduct(MatrixSpec matrix) {
    List<Map<String, String>> cells = new ArrayList<>();
    if (matrix.axes().isEmpty()) {
      return cells;
    }
    String[] names = matrix.axes().keySet().toArray(new String[0]);
    List<List<String>> axes = new ArrayList<>(matrix.axes().values());
    if (axes.stream().anyMatch(List::isEmpty)) {
      return cells;
    }
    int[] at = new int[names.length];
    while (true) {
      String[] values = new String[names.length];
      for (int a = 0; a < names.length; a++) {
        values[a] = axes.get(a).get(at[a]);
      }
      cells.add(new FrozenMap(names, values));
      int a = names.length - 1;
      while (a >= 0 && ++at[a] == axes.get(a).size()) {
        at[a--] = 0;
      }
      if (a < 0) {
        return cells;
      }
    }
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

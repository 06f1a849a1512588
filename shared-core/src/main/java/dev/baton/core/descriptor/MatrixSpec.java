package dev.baton.core.descriptor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step's matrix as written: axes in declaration order, plus {@code include} and {@code exclude}
 * combinations (GitHub Actions semantics).
 *
 * @param axes the static axes: each name with its values
 * @param dynamic the dynamic axes: each name with the {@code ${{ }}} expression (over {@code
 *     needs.*}) whose list of scalars gives its values once the step's needs have ended
 * @param order every axis name, static and dynamic, in declaration order (cell ids follow it)
 * @param maxCells the most cells a dynamic expansion may make; {@link #DEFAULT_MAX_CELLS} unless
 *     the step sets {@code maxCells}
 */
public record MatrixSpec(
    Map<String, List<String>> axes,
    List<Map<String, String>> include,
    List<Map<String, String>> exclude,
    Map<String, String> dynamic,
    List<String> order,
    int maxCells) {

  /** Cells a dynamic matrix may expand to unless the step says otherwise (GitHub: 256). */
  public static final int DEFAULT_MAX_CELLS = 10_000;

  public static final MatrixSpec NONE = new MatrixSpec(Map.of(), List.of(), List.of());

  public MatrixSpec {
    axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    dynamic =
        dynamic == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(dynamic));
    if (order == null || order.isEmpty()) {
      List<String> all = new ArrayList<>(axes.keySet());
      all.addAll(dynamic.keySet());
      order = all;
    }
    order = List.copyOf(order);
    maxCells = maxCells <= 0 ? DEFAULT_MAX_CELLS : maxCells;
  }

  /** A static matrix. */
  public MatrixSpec(
      Map<String, List<String>> axes,
      List<Map<String, String>> include,
      List<Map<String, String>> exclude) {
    this(axes, include, exclude, Map.of(), List.of(), DEFAULT_MAX_CELLS);
  }

  public boolean isEmpty() {
    return axes.isEmpty() && include.isEmpty() && dynamic.isEmpty();
  }

  /** Whether an axis takes its values from the step's needs, so cells exist only at run time. */
  public boolean isDynamic() {
    return !dynamic.isEmpty();
  }

  /**
   * The static matrix this one becomes once its dynamic axes have {@code values}: every axis in
   * declaration order.
   */
  public MatrixSpec withValues(Map<String, List<String>> values) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    for (String name : order) {
      List<String> v = axes.containsKey(name) ? axes.get(name) : values.get(name);
      all.put(name, v == null ? List.of() : v);
    }
    return new MatrixSpec(all, include, exclude, Map.of(), order, maxCells);
  }
}

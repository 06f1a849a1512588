package dev.baton.core.descriptor;

import java.util.List;
import java.util.Map;

/**
 * A step's matrix as written: axes in declaration order, plus {@code include} and {@code exclude}
 * combinations (GitHub Actions semantics).
 */
public record MatrixSpec(
    Map<String, List<String>> axes,
    List<Map<String, String>> include,
    List<Map<String, String>> exclude) {

  public static final MatrixSpec NONE = new MatrixSpec(Map.of(), List.of(), List.of());

  public boolean isEmpty() {
    return axes.isEmpty() && include.isEmpty();
  }
}

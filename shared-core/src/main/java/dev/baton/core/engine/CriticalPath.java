package dev.baton.core.engine;

import dev.baton.core.plan.PlannedStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Counts, for each step, the steps on the longest chain that starts at it (itself included). */
final class CriticalPath {
  private CriticalPath() {}

  static Map<String, Integer> lengths(List<PlannedStep> topological) {
    Map<String, Integer> length = new HashMap<>();
    for (PlannedStep s : topological) {
      length.put(s.id(), 1);
    }
    for (int i = topological.size() - 1; i >= 0; i--) {
      PlannedStep s = topological.get(i);
      int mine = Objects.requireNonNull(length.get(s.id()), s.id());
      for (String need : s.needs()) {
        length.computeIfPresent(need, (k, v) -> Math.max(v, mine + 1));
      }
    }
    return length;
  }
}

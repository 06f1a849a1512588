package dev.baton.core.plan;

import dev.baton.core.descriptor.PipelineDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Orders planned steps so each comes after what it needs; ties keep declaration order. */
final class TopologicalOrder {
  private TopologicalOrder() {}

  static List<PlannedStep> sort(PipelineDescriptor d, Map<String, List<PlannedStep>> byName) {
    List<PlannedStep> all = new ArrayList<>();
    byName.values().forEach(all::addAll);
    int[] missing = new int[all.size()];
    Map<String, List<Integer>> dependents = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      for (String need : all.get(i).needs()) {
        missing[i]++;
        dependents.computeIfAbsent(need, k -> new ArrayList<>()).add(i);
      }
    }
    TreeSet<Integer> ready = new TreeSet<>();
    for (int i = 0; i < all.size(); i++) {
      if (missing[i] == 0) {
        ready.add(i);
      }
    }
    List<PlannedStep> out = new ArrayList<>(all.size());
    while (!ready.isEmpty()) {
      int i = ready.pollFirst();
      out.add(all.get(i));
      for (int dep : dependents.getOrDefault(all.get(i).id(), List.of())) {
        if (--missing[dep] == 0) {
          ready.add(dep);
        }
      }
    }
    if (out.size() != all.size()) {
      throw new IllegalStateException("cycle survived DagChecker in " + d.file());
    }
    return out;
  }
}

package dev.baton.core.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops from every step's needs the matrix cells that their own {@code when} ruled out, as long as
 * another cell of the same step runs: a per-cell condition chooses which cells a matrix step has,
 * so the steps that need it wait for the cells that run, not for the ones that never will. A step
 * whose every cell (or a step without a matrix) is ruled out stays needed, so the steps that need
 * it are skipped in turn. Cells skipped at run time, because a step they need failed, are not
 * touched: they still stop their dependants. Deciding it here, in the plan, means every executor
 * (the engine, the Jenkins library) reads the same needs.
 */
final class NeedsOfRunningCells {
  private NeedsOfRunningCells() {}

  static Map<String, List<PlannedStep>> apply(Map<String, List<PlannedStep>> byName) {
    Set<String> ruledOut = new HashSet<>();
    for (List<PlannedStep> cells : byName.values()) {
      if (cells.stream().anyMatch(c -> !c.skipped())) {
        cells.stream().filter(PlannedStep::skipped).forEach(c -> ruledOut.add(c.id()));
      }
    }
    if (ruledOut.isEmpty()) {
      return byName;
    }
    Map<String, List<PlannedStep>> out = new LinkedHashMap<>();
    byName.forEach(
        (name, cells) -> {
          List<PlannedStep> kept = new ArrayList<>();
          for (PlannedStep c : cells) {
            List<String> needs = new ArrayList<>(c.needs());
            kept.add(needs.removeAll(ruledOut) ? c.withNeeds(needs) : c);
          }
          out.put(name, kept);
        });
    return out;
  }
}

package dev.baton.core.engine;

import dev.baton.core.plan.Expansions;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.StepState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dynamic fan-out in the engine: when a step whose matrix reads its needs becomes ready, makes its
 * cells (through {@link Expansions}, as every executor does), journals them, puts them in the run
 * after the step and has the steps that need it wait for them. The step itself then ends: SUCCEEDED
 * when it made cells, FAILED when its values were bad or too many, SKIPPED when they were none.
 */
final class DynamicCells {
  private final Plan plan;
  private final Path reportDir;
  private final EngineJournal journal;

  DynamicCells(Plan plan, Path reportDir, EngineJournal journal) {
    this.plan = plan;
    this.reportDir = reportDir;
    this.journal = journal;
  }

  /** How pending dynamic step {@code r} ended by expanding; empty for any other step. */
  Optional<LateFields.Ended> expand(StepRun r, Map<String, StepRun> runs) {
    if (!Expansions.isPending(r.step)) {
      return Optional.empty();
    }
    long made =
        runs.values().stream()
            .filter(c -> c != r && c.step.stepName().equals(r.step.stepName()))
            .count();
    if (made > 0) {
      // A resumed run whose journal has this step's cells but not its end: they stand.
      return Optional.of(
          new LateFields.Ended(
              StepState.SUCCEEDED, "expanded into " + made + " cells before the resume"));
    }
    Expansions.Expansion e = Expansions.expand(plan, r.step, needs(r, runs));
    return Optional.of(
        switch (e.state()) {
          case FAILED -> new LateFields.Ended(StepState.FAILED, e.message());
          case EMPTY -> new LateFields.Ended(StepState.SKIPPED, e.message());
          case EXPANDED -> {
            journal.cellsExpanded(
                r.id(), e.values(), e.cells().stream().map(PlannedStep::id).toList());
            insert(r, e.cells(), runs);
            yield new LateFields.Ended(
                StepState.SUCCEEDED,
                "expanded into " + e.cells().size() + " cells from " + e.values().keySet());
          }
        });
  }

  /** The cells after {@code r} in run order; the steps that need {@code r} now need them. */
  private void insert(StepRun r, List<PlannedStep> cells, Map<String, StepRun> runs) {
    Map<String, List<PlannedStep>> cellsOf = Map.of(r.id(), cells);
    Map<String, StepRun> reordered = new LinkedHashMap<>();
    for (StepRun other : runs.values()) {
      reordered.put(other.id(), other);
      if (other == r) {
        for (PlannedStep c : cells) {
          reordered.put(
              c.id(),
              new StepRun(c, reportDir.resolve(LogFiles.relativePath(c.id())), r.criticalPath));
        }
      } else if (other.step.needs().contains(r.id())) {
        other.step = Expansions.rewired(other.step, cellsOf);
      }
    }
    runs.clear();
    runs.putAll(reordered);
  }

  /** {@code needs.*} for {@code r}: each step it needs, as it ended. */
  static Map<String, Object> needs(StepRun r, Map<String, StepRun> runs) {
    return LateFields.needs(r.step, runs);
  }
}

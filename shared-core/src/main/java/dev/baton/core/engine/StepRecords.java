package dev.baton.core.engine;

import dev.baton.core.plan.Expansions;
import dev.baton.core.record.DynamicCell;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns the engine's bookkeeping for a step into its run-record entry. */
final class StepRecords {
  private static final int TAIL_LINES = 40;

  private StepRecords() {}

  /** Every step's record, in run order; the cells of a dynamic step numbered in cell order. */
  static List<StepRecord> of(Collection<StepRun> runs) {
    Map<String, Integer> count = new HashMap<>();
    for (StepRun r : runs) {
      if (r.step.spec().matrix().isDynamic() && !Expansions.isPending(r.step)) {
        count.merge(r.step.stepName(), 1, Integer::sum);
      }
    }
    Map<String, Integer> next = new HashMap<>();
    List<StepRecord> out = new ArrayList<>();
    for (StepRun r : runs) {
      DynamicCell dynamic = null;
      if (r.step.spec().matrix().isDynamic()) {
        String name = r.step.stepName();
        int index = Expansions.isPending(r.step) ? -1 : next.merge(name, 1, Integer::sum) - 1;
        dynamic =
            new DynamicCell(
                name, index, count.getOrDefault(name, 0), r.step.spec().matrix().dynamic());
      }
      out.add(of(r, dynamic));
    }
    return out;
  }

  static StepRecord of(StepRun r) {
    return of(r, null);
  }

  private static StepRecord of(StepRun r, @Nullable DynamicCell dynamic) {
    boolean ran = !r.attempts.isEmpty();
    List<String> tail =
        ran && r.state != StepState.SUCCEEDED ? LogFiles.tail(r.log, TAIL_LINES) : List.of();
    return new StepRecord(
        r.id(),
        r.step.stepName(),
        r.step.kind().id(),
        r.state,
        r.step.matrix(),
        r.step.needs(),
        r.step.command().display(),
        ran ? r.agent : null,
        ran ? r.gpus : List.of(),
        r.firstStart,
        r.end,
        r.attempts,
        ran ? LogFiles.relativePath(r.id()) : null,
        r.message,
        tail,
        r.results,
        r.step.continueOnError(),
        dynamic,
        StepRequests.of(r.step),
        null);
  }
}

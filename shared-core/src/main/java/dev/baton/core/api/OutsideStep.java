package dev.baton.core.api;

import dev.baton.core.engine.EngineResult;
import dev.baton.core.engine.OutsideNeeds;
import dev.baton.core.errors.DidYouMean;
import dev.baton.core.errors.UsageException;
import dev.baton.core.plan.Expansions;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.DynamicCell;
import dev.baton.core.record.StepRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A step that runs on its own with its needs' run records (the Jenkins library's {@code baton
 * step}): found in the plan, or made by expanding its dynamic step from the records, and its fields
 * that read {@code needs.*} resolved from them.
 */
final class OutsideStep {
  private OutsideStep() {}

  /** The step to run, and where it stands in its dynamic step's cells (null for other steps). */
  record Found(PlannedStep step, @Nullable DynamicCell cell) {}

  /**
   * The step {@code stepId} of {@code full}, resolved from {@code records}; {@code cancelled}: the
   * run it belongs to was stopped (its {@code cancelled()} holds).
   */
  static Found find(Plan full, String stepId, NeedsRecords records, boolean cancelled) {
    PlannedStep s = full.step(stepId);
    DynamicCell cell = null;
    if (s == null || Expansions.isPending(s)) {
      int bracket = stepId.indexOf('[');
      String name = bracket > 0 ? stepId.substring(0, bracket) : stepId;
      PlannedStep pending = full.step(name);
      if (pending == null || !Expansions.isPending(pending)) {
        throw new UsageException(
            "no step '" + stepId + "' in this pipeline; " + hint(stepId, full.steps()));
      }
      Expansions.Expansion e = expand(full, name, records);
      if (e.state() != Expansions.State.EXPANDED) {
        throw new UsageException(
            "step " + name + " has no cell " + stepId + ": its expansion " + e.message());
      }
      for (int i = 0; i < e.cells().size(); i++) {
        if (e.cells().get(i).id().equals(stepId)) {
          s = e.cells().get(i);
          cell = new DynamicCell(name, i, e.cells().size(), pending.spec().matrix().dynamic());
        }
      }
      if (s == null) {
        throw new UsageException(
            "step " + name + " has no cell " + stepId + "; " + hint(stepId, e.cells()));
      }
    }
    OutsideNeeds.Resolved r =
        OutsideNeeds.resolve(
            full, s, records.needsOf(full, s), records.resultsAbove(full, s), cancelled);
    if (r instanceof OutsideNeeds.Refused refused) {
      throw new UsageException(refused.message());
    }
    return new Found(((OutsideNeeds.Ready) r).step(), cell);
  }

  /** Expands pending step {@code name} of {@code full} from {@code records}. */
  static Expansions.Expansion expand(Plan full, String name, NeedsRecords records) {
    PlannedStep pending = full.step(name);
    if (pending == null || !Expansions.isPending(pending)) {
      List<String> dynamic = new ArrayList<>();
      full.steps().stream().filter(Expansions::isPending).forEach(p -> dynamic.add(p.id()));
      throw new UsageException(
          "'"
              + name
              + "' is not a dynamic step of this pipeline (one whose matrix reads its needs); "
              + (dynamic.isEmpty()
                  ? "this pipeline has none"
                  : DidYouMean.suggest(name, dynamic)
                      .map(d -> "did you mean '" + d + "'?")
                      .orElse("its dynamic steps are: " + String.join(", ", dynamic))));
    }
    return Expansions.expand(full, pending, records.needsOf(full, pending));
  }

  /** {@code result} with the record of the one step in it marked as {@code cell}. */
  static EngineResult withCell(EngineResult result, DynamicCell cell) {
    List<StepRecord> steps = new ArrayList<>();
    for (StepRecord s : result.steps()) {
      steps.add(
          new StepRecord(
              s.id(),
              s.step(),
              s.kind(),
              s.status(),
              s.matrix(),
              s.needs(),
              s.command(),
              s.agent(),
              s.gpus(),
              s.startedAt(),
              s.endedAt(),
              s.attempts(),
              s.log(),
              s.message(),
              s.logTail(),
              s.results(),
              s.allowedToFail(),
              Objects.requireNonNull(cell),
              s.requested(),
              null));
    }
    return new EngineResult(
        result.startedAt(), result.endedAt(), steps, result.cancelled(), result.timedOut());
  }

  private static String hint(String wanted, List<PlannedStep> steps) {
    List<String> ids = steps.stream().map(PlannedStep::id).toList();
    return DidYouMean.suggest(wanted, ids)
        .map(s -> "did you mean '" + s + "'?")
        .orElse(
            "its ids are: "
                + String.join(", ", ids.subList(0, Math.min(6, ids.size())))
                + (ids.size() > 6 ? ", ..." : ""));
  }
}

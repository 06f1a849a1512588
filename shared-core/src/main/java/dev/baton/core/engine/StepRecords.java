package dev.baton.core.engine;

import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.util.List;

/** Turns the engine's bookkeeping for a step into its run-record entry. */
final class StepRecords {
  private static final int TAIL_LINES = 40;

  private StepRecords() {}

  static StepRecord of(StepRun r) {
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
        StepRequests.of(r.step));
  }
}

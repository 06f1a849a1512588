package dev.baton.core.engine;

import dev.baton.core.record.StepRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** What the engine hands back: every step's record in plan order, and whether it was cancelled. */
public record EngineResult(
    Instant startedAt, Instant endedAt, List<StepRecord> steps, boolean cancelled) {

  /** The result of a run that ends now. */
  static EngineResult of(Instant startedAt, Collection<StepRun> runs, boolean cancelled) {
    return new EngineResult(
        startedAt, Instant.now(), runs.stream().map(StepRecords::of).toList(), cancelled);
  }
}

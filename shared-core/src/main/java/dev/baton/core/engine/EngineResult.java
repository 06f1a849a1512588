package dev.baton.core.engine;

import dev.baton.core.record.StepRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What the engine hands back: every step's record in plan order, whether it was cancelled, and
 * whether the run's own time limit stopped it ({@code timedOut} runs are also {@code cancelled}).
 */
public record EngineResult(
    Instant startedAt,
    Instant endedAt,
    List<StepRecord> steps,
    boolean cancelled,
    boolean timedOut) {

  /** A result the run's time limit did not stop. */
  public EngineResult(
      Instant startedAt, Instant endedAt, List<StepRecord> steps, boolean cancelled) {
    this(startedAt, endedAt, steps, cancelled, false);
  }

  /** The result of a run that ends now. */
  static EngineResult of(
      Instant startedAt, Collection<StepRun> runs, boolean cancelled, boolean timedOut) {
    return new EngineResult(
        startedAt, Instant.now(), StepRecords.of(runs), cancelled || timedOut, timedOut);
  }
}

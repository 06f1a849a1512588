package dev.baton.core.engine;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an earlier Baton did for a step of the run being resumed. A step whose {@code state} is
 * successful is not run again; any other keeps its attempts in the record and runs again, its
 * attempt numbers continuing after theirs.
 *
 * @param state the step's final state, or null when it had not finished
 */
public record PriorStep(
    @Nullable StepState state,
    String message,
    List<AttemptRecord> attempts,
    @Nullable Instant firstStart,
    @Nullable Instant end,
    Map<String, Object> results) {

  public PriorStep {
    attempts = List.copyOf(attempts);
    results = results == null ? Map.of() : results;
  }

  boolean done() {
    return state != null && state.isSuccessful();
  }

  int lastAttempt() {
    return attempts.stream().mapToInt(AttemptRecord::attempt).max().orElse(0);
  }
}

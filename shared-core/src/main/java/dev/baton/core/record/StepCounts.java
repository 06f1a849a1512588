package dev.baton.core.record;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How many steps of a run ended in each state, and which states count as failures. */
public final class StepCounts {
  private final Map<StepState, Integer> counts = new EnumMap<>(StepState.class);

  private StepCounts() {}

  /** Counts the steps of {@code record} by status. */
  public static StepCounts of(RunRecord record) {
    StepCounts result = new StepCounts();
    for (StepRecord step : record.steps()) {
      result.counts.merge(step.status(), 1, Integer::sum);
    }
    return result;
  }

  /**
   * A step that ended without doing its job for a reason other than being skipped: FAILED,
   * TIMED_OUT, CANCELLED or LOST.
   */
  public static boolean isFailure(StepState state) {
    return state.isTerminal() && !state.isSuccessful() && state != StepState.SKIPPED;
  }

  /** The number of steps in {@code state}. */
  public int count(StepState state) {
    return counts.getOrDefault(state, 0);
  }

  /** States that occur, in the enum's order, with their counts. */
  public Map<StepState, Integer> asMap() {
    return new EnumMap<>(counts);
  }

  /** {@code 3 succeeded, 1 failed, 1 skipped}; {@code no steps} for an empty run. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<StepState, Integer> entry : counts.entrySet()) {
      parts.add(entry.getValue() + " " + label(entry.getKey()));
    }
    return parts.isEmpty() ? "no steps" : String.join(", ", parts);
  }

  /** The state in lower case with spaces: {@code timed out}. */
  public static String label(StepState state) {
    return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}

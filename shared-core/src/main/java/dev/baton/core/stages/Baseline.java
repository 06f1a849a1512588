package dev.baton.core.stages;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's figures stored under a name ({@code champion}, {@code main}) for one pipeline and one
 * hardware fingerprint, so later runs on the same hardware are judged against them.
 *
 * @param steps per step id: its metrics and benchmark samples
 * @param promotedAt ISO-8601 instant of the promotion
 */
public record Baseline(
    String pipeline,
    String name,
    String fingerprint,
    String runId,
    String promotedAt,
    Map<String, StepFigures> steps) {

  public Baseline {
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
  }

  /** One step's stored figures: metrics of a validate step, samples (ms) of a benchmark step. */
  public record StepFigures(Map<String, Double> metrics, List<Double> samplesMs) {
    public StepFigures {
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
      samplesMs = List.copyOf(samplesMs);
    }
  }

  /**
   * The stored value of {@code metric}: from the same step id, else the same step name (another
   * matrix cell), else any step that has it.
   */
  public Optional<Double> metric(String stepId, String stepName, String metric) {
    for (String key : List.of(stepId, stepName)) {
      StepFigures f = steps.get(key);
      if (f != null && f.metrics().containsKey(metric)) {
        return Optional.of(f.metrics().get(metric));
      }
    }
    return steps.values().stream()
        .filter(f -> f.metrics().containsKey(metric))
        .map(f -> f.metrics().get(metric))
        .findFirst();
  }

  /** The stored benchmark samples of the step (by id, else by name); empty when none. */
  public List<Double> samples(String stepId, String stepName) {
    for (String key : List.of(stepId, stepName)) {
      StepFigures f = steps.get(key);
      if (f != null && !f.samplesMs().isEmpty()) {
        return f.samplesMs();
      }
    }
    return List.of();
  }
}

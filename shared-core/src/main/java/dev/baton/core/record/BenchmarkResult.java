package dev.baton.core.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a benchmark step measured, as stored under {@code results.benchmark} in the run record.
 *
 * @param unit the unit of the samples, {@code ms} unless stated
 * @param samples the measured repetitions after warm-up
 * @param baselineSamples the baseline's repetitions; empty when there is no baseline yet
 * @param baseline the baseline's name ({@code main}), or empty
 * @param verdict free text shown as is: {@code OK}, {@code REGRESSION}, {@code NO_BASELINE}
 * @param message the explanation for people
 */
public record BenchmarkResult(
    String unit,
    List<Double> samples,
    List<Double> baselineSamples,
    String baseline,
    String verdict,
    String message) {

  /** The key under which benchmark steps store this in {@link StepRecord#results()}. */
  public static final String RESULTS_KEY = "benchmark";

  public BenchmarkResult {
    unit = unit == null || unit.isBlank() ? "ms" : unit;
    samples = samples == null ? List.of() : List.copyOf(samples);
    baselineSamples = baselineSamples == null ? List.of() : List.copyOf(baselineSamples);
    baseline = baseline == null ? "" : baseline;
    verdict = verdict == null ? "" : verdict;
    message = message == null ? "" : message;
  }

  /** The benchmark a step recorded, if any; non-numeric samples are ignored. */
  public static Optional<BenchmarkResult> of(StepRecord step) {
    Object value = step.results().get(RESULTS_KEY);
    if (!(value instanceof Map)) {
      return Optional.empty();
    }
    Map<?, ?> map = (Map<?, ?>) value;
    return Optional.of(
        new BenchmarkResult(
            text(map.get("unit")),
            numbers(map.get("samplesMs")),
            numbers(map.get("baselineSamplesMs")),
            text(map.get("baseline")),
            text(map.get("verdict")),
            text(map.get("message"))));
  }

  /** The map form stored in {@link StepRecord#results()}. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("unit", unit);
    map.put("samplesMs", samples);
    if (!baselineSamples.isEmpty()) {
      map.put("baselineSamplesMs", baselineSamples);
    }
    if (!baseline.isEmpty()) {
      map.put("baseline", baseline);
    }
    map.put("verdict", verdict);
    map.put("message", message);
    return map;
  }

  private static List<Double> numbers(@Nullable Object value) {
    List<Double> out = new ArrayList<>();
    if (value instanceof List) {
      for (Object item : (List<?>) value) {
        if (item instanceof Number number && Double.isFinite(number.doubleValue())) {
          out.add(number.doubleValue());
        }
      }
    }
    return out;
  }

  // Null (absent) reads as empty: the record's constructor makes the same of both.
  private static String text(@Nullable Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}

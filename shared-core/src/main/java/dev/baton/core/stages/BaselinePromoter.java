package dev.baton.core.stages;

import dev.baton.core.record.BenchmarkResult;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Stores a run's metrics and benchmark samples as a named baseline ({@code champion}, {@code
 * main}), one file per hardware fingerprint the run's stage steps ran on.
 */
public final class BaselinePromoter {
  private BaselinePromoter() {}

  /**
   * Promotes the succeeded stage steps of {@code run}; returns the files written (none when the run
   * has no validate or benchmark step that succeeded).
   */
  public static List<Path> promote(RunRecord run, String name, BaselineStore store)
      throws IOException {
    Map<String, Map<String, Baseline.StepFigures>> byHardware = figures(run);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, Map<String, Baseline.StepFigures>> e : byHardware.entrySet()) {
      written.add(
          store.save(
              new Baseline(
                  run.pipeline(),
                  name,
                  e.getKey(),
                  run.runId(),
                  Instant.now().toString(),
                  e.getValue())));
    }
    return written;
  }

  /**
   * The figures of {@code run}'s succeeded validate and benchmark steps: hardware fingerprint →
   * step id → its metrics and samples.
   */
  public static Map<String, Map<String, Baseline.StepFigures>> figures(RunRecord run) {
    return figures(run, false);
  }

  /**
   * {@link #figures(RunRecord)}; with {@code measured}, also the metrics of steps whose gates
   * failed: what a model measured is its own figure, whether or not it passed then.
   */
  public static Map<String, Map<String, Baseline.StepFigures>> figures(
      RunRecord run, boolean measured) {
    Map<String, Map<String, Baseline.StepFigures>> byHardware = new LinkedHashMap<>();
    for (StepRecord step : run.steps()) {
      if (!step.status().isSuccessful() && !measured) {
        continue;
      }
      Map<String, Double> metrics = numbers(step.results().get("metrics"));
      List<Double> samples =
          BenchmarkResult.of(step).map(BenchmarkResult::samples).orElse(List.of());
      if (metrics.isEmpty() && samples.isEmpty()) {
        continue;
      }
      Object fp = step.results().get("fingerprint");
      String fingerprint = fp == null ? HardwareFingerprint.CPU : String.valueOf(fp);
      byHardware
          .computeIfAbsent(fingerprint, k -> new LinkedHashMap<>())
          .put(step.id(), new Baseline.StepFigures(metrics, samples));
    }
    return byHardware;
  }

  private static Map<String, Double> numbers(@Nullable Object value) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (value instanceof Map) {
      ((Map<?, ?>) value)
          .forEach(
              (k, v) -> {
                if (v instanceof Number number) {
                  out.put(String.valueOf(k), number.doubleValue());
                }
              });
    }
    return out;
  }
}

package dev.baton.core.stages;

import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.DoubleHistogram;

/**
 * Summary of benchmark samples (milliseconds): centre, spread, and percentiles from an HdrHistogram
 * with three significant digits.
 */
public record SampleStatistics(
    int count,
    double min,
    double max,
    double mean,
    double median,
    double stddev,
    double mad,
    double p50,
    double p90,
    double p95,
    double p99,
    double p999) {

  /** The statistics of at least one sample. */
  public static SampleStatistics of(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double mean = Arrays.stream(sorted).average().orElse(0);
    double ss = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum();
    double stddev = sorted.length > 1 ? Math.sqrt(ss / (sorted.length - 1)) : 0;
    double median = median(sorted);
    double[] deviations = Arrays.stream(sorted).map(v -> Math.abs(v - median)).sorted().toArray();
    DoubleHistogram h = new DoubleHistogram(3);
    for (double v : sorted) {
      // HdrHistogram needs positive values; a zero latency is recorded as the smallest it holds.
      h.recordValue(Math.max(v, 1e-6));
    }
    return new SampleStatistics(
        sorted.length,
        sorted[0],
        sorted[sorted.length - 1],
        mean,
        median,
        stddev,
        median(deviations),
        percentile(h, sorted, 50),
        percentile(h, sorted, 90),
        percentile(h, sorted, 95),
        percentile(h, sorted, 99),
        percentile(h, sorted, 99.9));
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double percentile(DoubleHistogram h, double[] sorted, double percent) {
    double v = h.getValueAtPercentile(percent);
    return Math.min(Math.max(v, sorted[0]), sorted[sorted.length - 1]);
  }
}

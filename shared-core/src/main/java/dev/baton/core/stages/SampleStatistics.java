package dev.baton.core.stages;

import java.util.Arrays;
import java.util.List;

/**
 * Summary of benchmark samples (milliseconds): centre, spread, and exact percentiles.
 *
 * <p>Percentiles interpolate linearly between the closest ranks of the sorted samples — the
 * definition of NumPy's and R's default (Hyndman–Fan type 7) and of Excel's {@code PERCENTILE.INC}:
 * for n samples, percentile p lies at rank h = (n − 1)·p/100 (from 0), between the samples either
 * side of h. So p0 is the minimum, p100 the maximum and p50 the median.
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
    double[] sorted = sorted(samples);
    double mean = Arrays.stream(sorted).average().orElse(0);
    double ss = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum();
    double stddev = sorted.length > 1 ? Math.sqrt(ss / (sorted.length - 1)) : 0;
    double median = median(sorted);
    double[] deviations = Arrays.stream(sorted).map(v -> Math.abs(v - median)).sorted().toArray();
    return new SampleStatistics(
        sorted.length,
        sorted[0],
        sorted[sorted.length - 1],
        mean,
        median,
        stddev,
        median(deviations),
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 95),
        percentile(sorted, 99),
        percentile(sorted, 99.9));
  }

  /** The samples in ascending order; at least one. */
  static double[] sorted(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    return samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * Percentile {@code percent} (0 to 100) of ascending {@code sorted}, interpolated linearly
   * between the closest ranks (see the class comment).
   */
  static double percentile(double[] sorted, double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException("percentile " + percent + " is not within 0..100");
    }
    double rank = (sorted.length - 1) * percent / 100;
    int below = (int) Math.floor(rank);
    if (below >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    double fraction = rank - below;
    double low = sorted[below];
    double high = sorted[below + 1];
    // Written so equal neighbours give exactly their value, with no rounding.
    return fraction == 0 || low == high ? low : low + fraction * (high - low);
  }
}

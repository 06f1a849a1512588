package dev.baton.core.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The five numbers of a Tukey box plot: whiskers reach the furthest sample within 1.5 IQR of the
 * box; samples beyond them are outliers.
 */
record Quartiles(
    double q1,
    double median,
    double q3,
    double lowWhisker,
    double highWhisker,
    List<Double> outliers,
    double min,
    double max) {

  static Quartiles of(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Double> sorted = new ArrayList<>(samples);
    sorted.sort(null);
    double q1 = quantile(sorted, 0.25);
    double median = quantile(sorted, 0.5);
    double q3 = quantile(sorted, 0.75);
    double fence = 1.5 * (q3 - q1);
    double low = sorted.get(sorted.size() - 1);
    double high = sorted.get(0);
    List<Double> outliers = new ArrayList<>();
    for (double value : sorted) {
      if (value < q1 - fence || value > q3 + fence) {
        outliers.add(value);
      } else {
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
    }
    return new Quartiles(
        q1, median, q3, low, high, outliers, sorted.get(0), sorted.get(sorted.size() - 1));
  }

  /** Linear interpolation between closest ranks (the method R and NumPy use by default). */
  static double quantile(List<Double> sorted, double p) {
    double position = p * (sorted.size() - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    double fraction = position - below;
    return sorted.get(below) + fraction * (sorted.get(above) - sorted.get(below));
  }
}

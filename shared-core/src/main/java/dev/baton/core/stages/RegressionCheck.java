package dev.baton.core.stages;

import dev.baton.core.descriptor.StageSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Decides whether a benchmark got slower than its baseline: a slowdown fails only when the median
 * moved more than {@code maxSlowdown} AND a Mann–Whitney U test finds the difference significant at
 * {@code confidence}; noise alone never fails a build.
 */
public final class RegressionCheck {
  /** The possible verdicts, as written in {@code results.benchmark.verdict}. */
  public static final String PASS = "pass";

  public static final String FAIL = "fail";
  public static final String INCONCLUSIVE = "inconclusive";
  public static final String NO_BASELINE = "no-baseline";

  /**
   * A verdict with its evidence.
   *
   * @param slowdown relative change of the median (0.2 = 20% slower); NaN without a baseline
   * @param pValue the two-sided Mann–Whitney U p-value; NaN when not tested
   */
  public record Verdict(String verdict, double slowdown, double pValue, String message) {
    /** Whether the step passes, given whether inconclusive results fail. */
    public boolean passes(boolean failOnInconclusive) {
      return !verdict.equals(FAIL) && !(failOnInconclusive && verdict.equals(INCONCLUSIVE));
    }
  }

  private RegressionCheck() {}

  public static Verdict judge(
      List<Double> current, List<Double> baseline, StageSpec.Regression rule) {
    if (baseline.isEmpty()) {
      return new Verdict(
          NO_BASELINE,
          Double.NaN,
          Double.NaN,
          "no baseline '"
              + rule.baseline()
              + "' for this hardware yet; passes. Promote this run to baseline '"
              + rule.baseline()
              + "' to compare later runs with it (docs/stages.md, Baselines)");
    }
    double[] now = current.stream().mapToDouble(Double::doubleValue).toArray();
    double[] before = baseline.stream().mapToDouble(Double::doubleValue).toArray();
    double nowMedian = median(now);
    double beforeMedian = median(before);
    double slowdown = beforeMedian > 0 ? nowMedian / beforeMedian - 1 : 0;
    double alpha = 1 - rule.confidence();
    String change =
        String.format(
            Locale.ROOT,
            "median %.3f ms vs %.3f ms in '%s' (%+.1f%%, limit +%.1f%%)",
            nowMedian,
            beforeMedian,
            rule.baseline(),
            slowdown * 100,
            rule.maxSlowdown() * 100);
    if (smallestPValue(now.length, before.length) >= alpha) {
      return new Verdict(
          INCONCLUSIVE,
          slowdown,
          Double.NaN,
          change
              + "; too few samples ("
              + now.length
              + " and "
              + before.length
              + ") to be "
              + rule.confidence() * 100
              + "% sure; raise 'repeat'");
    }
    double p =
        MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.TWO_SIDED)
            .test(now, before)
            .getPValue();
    String evidence = String.format(Locale.ROOT, "; Mann-Whitney p = %.4g", p);
    if (slowdown <= rule.maxSlowdown()) {
      return new Verdict(PASS, slowdown, p, change + evidence);
    }
    if (p < alpha) {
      return new Verdict(FAIL, slowdown, p, "regression: " + change + evidence);
    }
    return new Verdict(
        INCONCLUSIVE,
        slowdown,
        p,
        change
            + evidence
            + ", too noisy to call it a regression; raise 'repeat' or quiet the machine");
  }

  /** The smallest two-sided p-value any data of these sizes can reach: 2 / C(n+m, n). */
  static double smallestPValue(int n, int m) {
    double combinations = 1;
    for (int k = 1; k <= Math.min(n, m); k++) {
      combinations = combinations * (n + m - Math.min(n, m) + k) / k;
    }
    return Math.min(1, 2 / combinations);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return SampleStatistics.median(sorted);
  }
}

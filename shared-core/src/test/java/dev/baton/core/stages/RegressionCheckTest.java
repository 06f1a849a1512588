package dev.baton.core.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.baton.core.descriptor.StageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegressionCheckTest {
  private static final StageSpec.Regression RULE =
      new StageSpec.Regression("main", 0.05, 0.95, false);

  /** Latencies around {@code centre} ms with 4% Gaussian noise and an occasional 30% outlier. */
  private static List<Double> noisy(Random random, double centre, int n) {
    List<Double> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      double v = centre * (1 + 0.04 * random.nextGaussian());
      out.add(random.nextInt(10) == 0 ? v * 1.3 : v);
    }
    return out;
  }

  @Test
  void detectsATwentyPercentSlowdownInNoisySamples() {
    Random random = new Random(42);
    List<Double> baseline = noisy(random, 10.0, 15);
    RegressionCheck.Verdict v = RegressionCheck.judge(noisy(random, 12.0, 15), baseline, RULE);
    assertThat(v.verdict()).as(v.message()).isEqualTo(RegressionCheck.FAIL);
    assertThat(v.slowdown()).isBetween(0.12, 0.30);
    assertThat(v.pValue()).isLessThan(0.05);
    assertThat(v.message()).contains("regression").contains("limit +5.0%");
  }

  @Test
  void tenUnchangedRunsRaiseNoFalseAlarm() {
    Random random = new Random(7);
    List<Double> baseline = noisy(random, 10.0, 15);
    List<String> verdicts = new ArrayList<>();
    for (int run = 0; run < 10; run++) {
      RegressionCheck.Verdict v = RegressionCheck.judge(noisy(random, 10.0, 15), baseline, RULE);
      verdicts.add(v.verdict());
      assertThat(v.passes(false)).as("run %d: %s", run, v.message()).isTrue();
    }
    assertThat(verdicts).doesNotContain(RegressionCheck.FAIL);
  }

  @Test
  void noBaselinePassesAndSaysHowToPromote() {
    RegressionCheck.Verdict v = RegressionCheck.judge(List.of(1.0, 2.0), List.of(), RULE);
    assertThat(v.verdict()).isEqualTo(RegressionCheck.NO_BASELINE);
    assertThat(v.passes(true)).isTrue();
    assertThat(v.message()).contains("Promote this run to baseline").contains("docs/stages.md");
  }

  @Test
  void tooFewSamplesAreInconclusiveAndFailOnlyWhenAskedTo() {
    RegressionCheck.Verdict v =
        RegressionCheck.judge(List.of(20.0, 21.0, 22.0), List.of(10.0, 10.5, 11.0), RULE);
    assertThat(v.verdict()).isEqualTo(RegressionCheck.INCONCLUSIVE);
    assertThat(v.passes(false)).isTrue();
    assertThat(v.passes(true)).isFalse();
  }

  @Test
  void smallestPValueMatchesTheExactDistribution() {
    // Two groups of 3: 20 orderings, the most extreme two-sided is 2/20.
    assertThat(RegressionCheck.smallestPValue(3, 3)).isCloseTo(0.1, within(1e-12));
    assertThat(RegressionCheck.smallestPValue(10, 10)).isLessThan(1e-4);
  }

  @Test
  void statisticsOfKnownSamples() {
    SampleStatistics s = SampleStatistics.of(List.of(1.0, 2.0, 3.0, 4.0, 100.0));
    assertThat(s.median()).isEqualTo(3.0);
    assertThat(s.mean()).isEqualTo(22.0);
    assertThat(s.mad()).isEqualTo(1.0);
    assertThat(s.stddev()).isCloseTo(43.61, within(0.01));
    assertThat(s.p50()).isCloseTo(3.0, within(0.01));
    assertThat(s.p99()).isCloseTo(96.16, within(1e-9)); // numpy.percentile(..., 99)
    assertThat(s.min()).isEqualTo(1.0);
  }
}

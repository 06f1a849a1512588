package dev.baton.core.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.statistics.descriptive.Quantile;
import org.junit.jupiter.api.Test;

class SampleStatisticsTest {
  @Test
  void theMedianIsTheFiftiethPercentile() {
    SampleStatistics two = SampleStatistics.of(List.of(20.0, 10.0));
    SampleStatistics four = SampleStatistics.of(List.of(4.0, 1.0, 3.0, 2.0));

    assertThat(two.p50()).isEqualTo(two.median()).isEqualTo(15.0);
    assertThat(four.p50()).isEqualTo(four.median()).isEqualTo(2.5);
  }

  @Test
  void percentilesInterpolateBetweenTheClosestRanksAsNumPyDoes() {
    // numpy.percentile([1, 2, 3, 4, 100], [0, 50, 90, 95, 99, 99.9, 100])
    SampleStatistics s = SampleStatistics.of(List.of(1.0, 2.0, 3.0, 4.0, 100.0));

    assertThat(s.min()).isEqualTo(1.0);
    assertThat(s.p50()).isEqualTo(3.0);
    assertThat(s.p90()).isCloseTo(61.6, within(1e-9));
    assertThat(s.p95()).isCloseTo(80.8, within(1e-9));
    assertThat(s.p99()).isCloseTo(96.16, within(1e-9));
    assertThat(s.p999()).isCloseTo(99.616, within(1e-9));
    assertThat(s.max()).isEqualTo(100.0);
  }

  @Test
  void oneSampleIsEveryPercentile() {
    SampleStatistics s = SampleStatistics.of(List.of(0.0));

    assertThat(List.of(s.p50(), s.p90(), s.p99(), s.p999(), s.median())).containsOnly(0.0);
  }

  /** Against Apache Commons Statistics' type-7 quantile, over arrays of every size and shape. */
  @Test
  void percentilesMatchAReferenceImplementationOnRandomSamples() {
    Random random = new Random(22);
    Quantile reference = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);
    double[] percents = {0, 0.1, 1, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 99.999, 99.9999, 100};
    for (int round = 0; round < 2_000; round++) {
      int n = 1 + random.nextInt(round < 1_000 ? 12 : 3_000);
      List<Double> samples = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        // Ties, zeros and values over many orders of magnitude, as latencies have.
        samples.add(
            random.nextInt(4) == 0
                ? (double) random.nextInt(5)
                : Math.exp(random.nextGaussian() * 3) * 10);
      }
      double[] sorted = SampleStatistics.sorted(samples);
      for (double p : percents) {
        double expected = reference.evaluate(sorted.clone(), p / 100);
        assertThat(SampleStatistics.percentile(sorted, p))
            .as("p%s of %d samples", p, n)
            .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))))
            .isBetween(sorted[0], sorted[n - 1]);
      }
      SampleStatistics s = SampleStatistics.of(samples);
      assertThat(s.p50()).isCloseTo(s.median(), within(1e-9 * Math.max(1, s.median())));
    }
  }
}

package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartMathTest {
  @Test
  void quartilesInterpolateLikeNumpyAndSeparateOutliers() {
    Quartiles q = Quartiles.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0, 100.0));

    // numpy.percentile([1,2,3,4,5,100], [25,50,75]) == [2.25, 3.5, 4.75]
    assertThat(q.q1()).isCloseTo(2.25, within(1e-9));
    assertThat(q.median()).isCloseTo(3.5, within(1e-9));
    assertThat(q.q3()).isCloseTo(4.75, within(1e-9));
    assertThat(q.outliers()).containsExactly(100.0);
    assertThat(q.lowWhisker()).isEqualTo(1.0);
    assertThat(q.highWhisker()).isEqualTo(5.0);
    assertThat(q.max()).isEqualTo(100.0);
  }

  @Test
  void singleSampleIsItsOwnBox() {
    Quartiles q = Quartiles.of(List.of(7.0));

    assertThat(List.of(q.q1(), q.median(), q.q3(), q.lowWhisker(), q.highWhisker()))
        .containsOnly(7.0);
  }

  @Test
  void niceTicksUseOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(NiceTicks.between(38.5, 56.3, 6)).containsExactly(40.0, 45.0, 50.0, 55.0);
    assertThat(NiceTicks.between(0, 100, 4)).containsExactly(0.0, 50.0, 100.0);
    assertThat(NiceTicks.between(0.1, 0.35, 5)).containsExactly(0.1, 0.15, 0.2, 0.25, 0.3, 0.35);
  }

  @Test
  void timeTicksPickARoundStepAndCompactLabels() {
    assertThat(TimeTicks.ticks(94_500, 10)).startsWith(0L, 10_000L).endsWith(90_000L);
    assertThat(TimeTicks.ticks(3_000, 10))
        .containsExactly(0L, 500L, 1000L, 1500L, 2000L, 2500L, 3000L);
    assertThat(TimeTicks.label(0)).isEqualTo("0s");
    assertThat(TimeTicks.label(1_500)).isEqualTo("1.5s");
    assertThat(TimeTicks.label(90_000)).isEqualTo("1m30s");
    assertThat(TimeTicks.label(4_500_000)).isEqualTo("1h15m");
  }
}

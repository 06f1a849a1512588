package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HtmlNumTest {
  /** What Html.num printed before it stopped using a Formatter: the reference. */
  private static String formatted(double value) {
    String text = String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    return text.equals("-0") ? "0" : text;
  }

  @Test
  void printsWhatPercentTwoFPrintedWithoutTrailingZeros() {
    double[] edges = {
      0,
      -0.0,
      0.004,
      -0.004,
      0.005,
      1.005,
      2.675,
      0.125,
      100,
      100.5,
      760,
      192.0000001,
      -3.14159,
      1e-9,
      12345678.995,
      Double.NaN,
      Double.POSITIVE_INFINITY
    };
    for (double v : edges) {
      assertThat(Html.num(v)).as("%s", v).isEqualTo(formatted(v));
    }
    SplittableRandom random = new SplittableRandom(21);
    for (int i = 0; i < 200_000; i++) {
      double v = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(7));
      assertThat(Html.num(v)).as("%s", v).isEqualTo(formatted(v));
    }
  }
}

package dev.baton.core.report;

import dev.baton.core.record.BenchmarkResult;
import java.util.List;

/** Box plots of a benchmark's samples, this run above its baseline, on one shared axis. */
final class BoxPlotSvg {
  private static final int WIDTH = 1000;
  private static final int LABEL_WIDTH = 160;
  private static final int RIGHT_MARGIN = 24;
  private static final int ROW_HEIGHT = 46;
  private static final int BOX_HEIGHT = 24;
  private static final int AXIS_HEIGHT = 30;

  private BoxPlotSvg() {}

  /** The SVG, or an empty string when there are no samples. */
  static String render(BenchmarkResult result, String titleId) {
    if (result.samples().isEmpty()) {
      return "";
    }
    boolean withBaseline = !result.baselineSamples().isEmpty();
    double lo = min(result.samples());
    double hi = max(result.samples());
    if (withBaseline) {
      lo = Math.min(lo, min(result.baselineSamples()));
      hi = Math.max(hi, max(result.baselineSamples()));
    }
    double pad = hi > lo ? (hi - lo) * 0.08 : Math.max(Math.abs(lo) * 0.05, 1);
    Scale scale = new Scale(lo - pad, hi + pad);
    int rows = withBaseline ? 2 : 1;
    int height = rows * ROW_HEIGHT + AXIS_HEIGHT;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"boxplot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(titleId)
        .append("\">\n<title id=\"")
        .append(titleId)
        .append("\">Samples in ")
        .append(Html.esc(result.unit()))
        .append(withBaseline ? ": this run and baseline" : ": this run")
        .append("</title>\n");
    axis(svg, scale, rows * ROW_HEIGHT, result.unit());
    box(svg, scale, "this run", "box-current", result.samples(), 0, result.unit());
    if (withBaseline) {
      String label = result.baseline().isEmpty() ? "baseline" : "baseline: " + result.baseline();
      box(svg, scale, label, "box-baseline", result.baselineSamples(), ROW_HEIGHT, result.unit());
    }
    return svg.append("</svg>\n").toString();
  }

  private static void box(
      StringBuilder svg,
      Scale scale,
      String label,
      String css,
      List<Double> samples,
      int top,
      String unit) {
    Quartiles q = Quartiles.of(samples);
    int mid = top + ROW_HEIGHT / 2;
    int boxTop = mid - BOX_HEIGHT / 2;
    svg.append("<g class=\"").append(css).append("\"><title>");
    svg.append(Html.esc(label))
        .append(": median ")
        .append(Html.value(q.median()))
        .append(' ')
        .append(Html.esc(unit))
        .append(", quartiles ")
        .append(Html.value(q.q1()))
        .append(" to ")
        .append(Html.value(q.q3()))
        .append(", range ")
        .append(Html.value(q.min()))
        .append(" to ")
        .append(Html.value(q.max()))
        .append(", ")
        .append(samples.size())
        .append(" samples</title>\n");
    svg.append(text("box-label", 8, mid + 4, Html.esc(label)));
    svg.append(line("whisker", scale.x(q.lowWhisker()), mid, scale.x(q.highWhisker()), mid));
    svg.append(
        line("whisker-cap", scale.x(q.lowWhisker()), mid - 7, scale.x(q.lowWhisker()), mid + 7));
    svg.append(
        line("whisker-cap", scale.x(q.highWhisker()), mid - 7, scale.x(q.highWhisker()), mid + 7));
    double x1 = scale.x(q.q1());
    svg.append("<rect class=\"box\" x=\"")
        .append(Html.num(x1))
        .append("\" y=\"")
        .append(boxTop)
        .append("\" width=\"")
        .append(Html.num(Math.max(1, scale.x(q.q3()) - x1)))
        .append("\" height=\"")
        .append(BOX_HEIGHT)
        .append("\"/>\n");
    svg.append(
        line("median", scale.x(q.median()), boxTop, scale.x(q.median()), boxTop + BOX_HEIGHT));
    for (double outlier : q.outliers()) {
      svg.append("<circle class=\"outlier\" cx=\"")
          .append(Html.num(scale.x(outlier)))
          .append("\" cy=\"")
          .append(mid)
          .append("\" r=\"3\"/>\n");
    }
    svg.append("</g>\n");
  }

  private static void axis(StringBuilder svg, Scale scale, int top, String unit) {
    svg.append("<g class=\"axis\">\n");
    svg.append(line("axis-line", LABEL_WIDTH, top, WIDTH - RIGHT_MARGIN, top));
    for (double tick : NiceTicks.between(scale.lo, scale.hi, 6)) {
      double x = scale.x(tick);
      svg.append(line("grid", x, 0, x, top + 4));
      svg.append(text("tick-label", x, top + 18, Html.value(tick) + " " + Html.esc(unit)));
    }
    svg.append("</g>\n");
  }

  static String line(String css, double x1, double y1, double x2, double y2) {
    return "<line class=\""
        + css
        + "\" x1=\""
        + Html.num(x1)
        + "\" y1=\""
        + Html.num(y1)
        + "\" x2=\""
        + Html.num(x2)
        + "\" y2=\""
        + Html.num(y2)
        + "\"/>\n";
  }

  static String text(String css, double x, double y, String escapedText) {
    return "<text class=\""
        + css
        + "\" x=\""
        + Html.num(x)
        + "\" y=\""
        + Html.num(y)
        + "\">"
        + escapedText
        + "</text>\n";
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  /** Maps a value to an x coordinate in the chart area. */
  private record Scale(double lo, double hi) {
    double x(double value) {
      return LABEL_WIDTH + (WIDTH - LABEL_WIDTH - RIGHT_MARGIN) * (value - lo) / (hi - lo);
    }
  }
}

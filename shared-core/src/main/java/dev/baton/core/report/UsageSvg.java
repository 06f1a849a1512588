package dev.baton.core.report;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.GpuUsage;
import dev.baton.core.record.StepRecord;
import java.util.Locale;

/**
 * A small bar chart of one attempt's use: resident memory (mean bar inside the peak bar, the step's
 * {@code memory} request as a tick), CPU cores busy on average against {@code cpus}, and each GPU's
 * mean and peak utilisation. Classes only, no inline styles or scripts, so the page keeps its
 * strict Content-Security-Policy.
 */
final class UsageSvg {
  private static final int WIDTH = 320;
  private static final int LABEL = 70;
  private static final int BAR = 10;
  private static final int ROW = 16;

  private UsageSvg() {}

  static String render(StepRecord step, AttemptRecord attempt, AttemptUsage u) {
    int rows = 2 + u.gpus().size();
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"usage\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(rows * ROW + 2)
        .append("\" role=\"img\"><title>")
        .append(Html.esc(step.id()))
        .append(": resource use of attempt ")
        .append(attempt.attempt())
        .append("</title>\n");
    Long askedMemory = step.requested() == null ? null : step.requested().memoryBytes();
    double memScale = Math.max(u.peakRssBytes(), askedMemory == null ? 0 : askedMemory);
    double mean = u.meanRssBytes() == null ? 0 : u.meanRssBytes();
    row(
        svg,
        0,
        "memory",
        fraction(mean, memScale),
        fraction((double) u.peakRssBytes(), memScale),
        askedMemory == null ? -1 : fraction((double) askedMemory, memScale),
        "peak "
            + bytes(u.peakRssBytes())
            + (u.meanRssBytes() == null ? "" : ", mean " + bytes(u.meanRssBytes()))
            + (askedMemory == null ? "" : ", asked " + bytes(askedMemory)));
    double seconds = attempt.durationMillis() / 1000.0;
    double cores = seconds > 0 ? u.cpuSeconds() / seconds : 0;
    int askedCpus = step.requested() == null ? 0 : step.requested().cpus();
    double cpuScale = Math.max(Math.max(cores, askedCpus), 1);
    row(
        svg,
        1,
        "CPU",
        fraction(cores, cpuScale),
        fraction(cores, cpuScale),
        askedCpus == 0 ? -1 : fraction(askedCpus, cpuScale),
        String.format(Locale.ROOT, "%.2f CPU s, %.2f cores busy on average", u.cpuSeconds(), cores)
            + (askedCpus == 0 ? "" : ", asked " + askedCpus));
    int i = 2;
    for (GpuUsage g : u.gpus()) {
      row(
          svg,
          i++,
          "GPU " + g.index(),
          g.meanUtilization() / 100,
          g.peakUtilization() / 100,
          -1,
          String.format(
                  Locale.ROOT,
                  "GPU %d: %.0f%% mean, %.0f%% peak utilisation, peak memory ",
                  g.index(),
                  g.meanUtilization(),
                  g.peakUtilization())
              + bytes(g.peakMemoryBytes()));
    }
    return svg.append("</svg>").toString();
  }

  private static void row(
      StringBuilder svg, int i, String label, double mean, double peak, double tick, String title) {
    int y = i * ROW + 2;
    int span = WIDTH - LABEL - 4;
    svg.append("<g class=\"usage-row\"><title>")
        .append(Html.esc(title))
        .append("</title><text class=\"usage-label\" x=\"0\" y=\"")
        .append(y + BAR - 1)
        .append("\">")
        .append(Html.esc(label))
        .append("</text>");
    rect(svg, "usage-track", LABEL, y, span);
    rect(svg, "usage-peak", LABEL, y, (int) Math.round(span * peak));
    rect(svg, "usage-mean", LABEL, y, (int) Math.round(span * mean));
    if (tick >= 0) {
      int x = LABEL + (int) Math.round(span * tick);
      svg.append("<line class=\"usage-asked\" x1=\"")
          .append(x)
          .append("\" x2=\"")
          .append(x)
          .append("\" y1=\"")
          .append(y - 2)
          .append("\" y2=\"")
          .append(y + BAR + 2)
          .append("\"/>");
    }
    svg.append("</g>\n");
  }

  private static void rect(StringBuilder svg, String css, int x, int y, int width) {
    svg.append("<rect class=\"")
        .append(css)
        .append("\" x=\"")
        .append(x)
        .append("\" y=\"")
        .append(y)
        .append("\" width=\"")
        .append(Math.max(0, width))
        .append("\" height=\"")
        .append(BAR)
        .append("\"/>");
  }

  private static double fraction(double value, double scale) {
    return scale <= 0 ? 0 : Math.min(1, Math.max(0, value / scale));
  }

  static String bytes(long b) {
    if (b >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
    }
    if (b >= 1L << 20) {
      return String.format(Locale.ROOT, "%.0f MiB", b / (double) (1L << 20));
    }
    return String.format(Locale.ROOT, "%.0f KiB", b / 1024.0);
  }
}

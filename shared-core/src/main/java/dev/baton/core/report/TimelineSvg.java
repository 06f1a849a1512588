package dev.baton.core.report;

import dev.baton.core.record.RunRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The run's Gantt chart as inline SVG: a row per agent and per GPU, a bar per attempt coloured by
 * how it ended (CSS classes only, so it renders under a strict Content-Security-Policy).
 */
final class TimelineSvg {
  private static final int WIDTH = 1000;
  private static final int LABEL_WIDTH = 160;
  private static final int RIGHT_MARGIN = 16;
  private static final int AXIS_HEIGHT = 28;
  private static final int ROW_HEIGHT = 22;
  private static final int BAR_HEIGHT = 16;
  private static final double CHAR_WIDTH = 6.6;
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private TimelineSvg() {}

  /** The SVG element, or an empty string when no attempt ever started. */
  static String render(RunRecord record) {
    TimelineLanes layout = TimelineLanes.of(record);
    if (!layout.hasBars()) {
      return "";
    }
    int rows = layout.lanes.stream().mapToInt(lane -> lane.rows().size()).sum();
    int height = AXIS_HEIGHT + rows * ROW_HEIGHT + 4;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-labelledby=\"timeline-title\">\n")
        .append("<title id=\"timeline-title\">Attempts per agent and GPU over time, from ")
        .append(CLOCK.format(layout.origin))
        .append(" UTC</title>\n");
    // Backgrounds first, then the grid, then bars, so grid lines never cross a bar.
    int y = AXIS_HEIGHT;
    int index = 0;
    for (TimelineLanes.Lane lane : layout.lanes) {
      int laneHeight = lane.rows().size() * ROW_HEIGHT;
      svg.append("<rect class=\"lane ")
          .append(index++ % 2 == 0 ? "lane-even" : "lane-odd")
          .append("\" x=\"0\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(WIDTH)
          .append("\" height=\"")
          .append(laneHeight)
          .append("\"/>\n");
      svg.append("<text class=\"lane-label")
          .append(lane.gpu() ? " lane-gpu" : " lane-agent")
          .append("\" x=\"")
          .append(lane.gpu() ? 20 : 8)
          .append("\" y=\"")
          .append(y + ROW_HEIGHT / 2 + 4)
          .append("\">")
          .append(Html.esc(lane.label()))
          .append("</text>\n");
      y += laneHeight;
    }
    axis(svg, layout, height);
    y = AXIS_HEIGHT;
    for (TimelineLanes.Lane lane : layout.lanes) {
      for (int row = 0; row < lane.rows().size(); row++) {
        for (TimelineLanes.Bar bar : lane.rows().get(row)) {
          bar(svg, layout, bar, y + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2);
        }
      }
      y += lane.rows().size() * ROW_HEIGHT;
    }
    return svg.append("</svg>\n").toString();
  }

  private static void bar(StringBuilder svg, TimelineLanes layout, TimelineLanes.Bar bar, int y) {
    double x = xOf(layout, bar.start());
    double width = Math.max(2, xOf(layout, bar.end()) - x);
    svg.append("<g class=\"attempt\"><rect class=\"bar st-")
        .append(bar.status() == null ? "UNKNOWN" : bar.status().name())
        .append("\" x=\"")
        .append(Html.num(x))
        .append("\" y=\"")
        .append(y)
        .append("\" width=\"")
        .append(Html.num(width))
        .append("\" height=\"")
        .append(BAR_HEIGHT)
        .append("\" rx=\"2\"/><title>")
        .append(Html.esc(bar.title()))
        .append(" (from ")
        .append(CLOCK.format(Instant.ofEpochMilli(layout.origin.toEpochMilli() + bar.start())))
        .append(")</title>");
    if (bar.stepId().length() * CHAR_WIDTH + 8 < width) {
      svg.append("<text class=\"bar-label\" x=\"")
          .append(Html.num(x + 4))
          .append("\" y=\"")
          .append(y + BAR_HEIGHT - 4)
          .append("\">")
          .append(Html.esc(bar.stepId()))
          .append("</text>");
    }
    svg.append("</g>\n");
  }

  private static void axis(StringBuilder svg, TimelineLanes layout, int height) {
    svg.append("<g class=\"axis\">\n");
    for (long tick : TimeTicks.ticks(layout.span, 10)) {
      String x = Html.num(xOf(layout, tick));
      svg.append("<line class=\"grid\" x1=\"")
          .append(x)
          .append("\" y1=\"")
          .append(AXIS_HEIGHT - 6)
          .append("\" x2=\"")
          .append(x)
          .append("\" y2=\"")
          .append(height)
          .append("\"/><text class=\"tick-label\" x=\"")
          .append(x)
          .append("\" y=\"")
          .append(AXIS_HEIGHT - 10)
          .append("\">")
          .append(TimeTicks.label(tick))
          .append("</text>\n");
    }
    svg.append("</g>\n");
  }

  private static double xOf(TimelineLanes layout, long offset) {
    double chart = WIDTH - LABEL_WIDTH - RIGHT_MARGIN;
    return LABEL_WIDTH + chart * offset / layout.span;
  }
}

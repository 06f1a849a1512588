package dev.baton.core.report;

import dev.baton.core.record.RolloutEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A deploy step's traffic weight over time as a step chart, one dot per event by outcome. */
final class RolloutSvg {
  private static final int WIDTH = 1000;
  private static final int LEFT = 60;
  private static final int RIGHT = 24;
  private static final int TOP = 12;
  private static final int PLOT_HEIGHT = 160;
  private static final int AXIS_HEIGHT = 30;
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private RolloutSvg() {}

  /** The SVG, or an empty string when there are no events. */
  static String render(List<RolloutEvent> recorded, String titleId) {
    if (recorded.isEmpty()) {
      return "";
    }
    List<RolloutEvent> events = new ArrayList<>(recorded);
    events.sort(Comparator.comparing(RolloutEvent::time));
    long origin = events.get(0).time().toEpochMilli();
    long span = 1;
    double top = 100;
    for (RolloutEvent event : events) {
      span = Math.max(span, event.time().toEpochMilli() - origin);
      top = Math.max(top, event.weight());
    }
    Plot plot = new Plot(origin, span, top);
    int height = TOP + PLOT_HEIGHT + AXIS_HEIGHT;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"rollout\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(titleId)
        .append("\">\n<title id=\"")
        .append(titleId)
        .append("\">Traffic on the new version over time, from ")
        .append(CLOCK.format(events.get(0).time()))
        .append(" UTC</title>\n<g class=\"axis\">\n");
    for (double weight : NiceTicks.between(0, top, 4)) {
      double y = plot.y(weight);
      svg.append(BoxPlotSvg.line("grid", LEFT, y, WIDTH - RIGHT, y));
      svg.append(BoxPlotSvg.text("tick-label tick-y", LEFT - 8, y + 4, Html.num(weight) + "%"));
    }
    for (long tick : TimeTicks.ticks(span, 8)) {
      svg.append(
          BoxPlotSvg.text(
              "tick-label", plot.x(origin + tick), TOP + PLOT_HEIGHT + 20, TimeTicks.label(tick)));
    }
    svg.append("</g>\n<path class=\"weight-line\" d=\"")
        .append(path(events, plot))
        .append("\"/>\n");
    for (RolloutEvent event : events) {
      svg.append("<circle class=\"event outcome-")
          .append(Html.cssToken(event.outcome()))
          .append("\" cx=\"")
          .append(Html.num(plot.x(event.time().toEpochMilli())))
          .append("\" cy=\"")
          .append(Html.num(plot.y(event.weight())))
          .append("\" r=\"5\"><title>")
          .append(CLOCK.format(event.time()))
          .append(" UTC: ")
          .append(Html.num(event.weight()))
          .append("% ")
          .append(Html.esc(event.outcome()))
          .append("</title></circle>\n");
    }
    return svg.append("</svg>\n").toString();
  }

  /** Horizontal until the next event, then vertical to its weight: weight holds between shifts. */
  private static String path(List<RolloutEvent> events, Plot plot) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < events.size(); i++) {
      RolloutEvent event = events.get(i);
      String x = Html.num(plot.x(event.time().toEpochMilli()));
      String y = Html.num(plot.y(event.weight()));
      if (i == 0) {
        d.append('M').append(x).append(' ').append(y);
      } else {
        d.append(" H").append(x).append(" V").append(y);
      }
    }
    return d.toString();
  }

  private record Plot(long origin, long span, double top) {
    double x(long epochMillis) {
      return LEFT + (WIDTH - LEFT - RIGHT) * (double) (epochMillis - origin) / span;
    }

    double y(double weight) {
      return TOP + PLOT_HEIGHT * (1 - Math.max(0, weight) / top);
    }
  }
}

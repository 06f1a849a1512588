package dev.baton.core.report;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.io.AtomicFiles;
import dev.baton.core.io.IoFailures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes trends.html and its stylesheet trends.css: a run status strip and SVG line charts over the
 * runs. Like report.html it has no script, no inline style and only relative links, so it renders
 * under Jenkins' default Content-Security-Policy.
 */
public final class TrendsHtmlWriter {
  public static final String CSS = "trends.css";
  static final int WIDTH = 760;
  static final int HEIGHT = 220;
  static final int LEFT = 60;
  static final int RIGHT = 16;
  static final int TOP = 12;
  static final int BOTTOM = 28;
  static final int COLOURS = 6;

  private TrendsHtmlWriter() {}

  /** Writes {@code file} and trends.css beside it, each atomically. */
  public static void write(TrendsPage page, Path file) {
    Path css = file.toAbsolutePath().resolveSibling(CSS);
    try {
      Files.createDirectories(css.getParent());
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot create the directory of "
              + file
              + ": "
              + IoFailures.reason(e)
              + "; choose a writable place for the trends page",
          e);
    }
    AtomicFiles.write(css, css());
    AtomicFiles.write(file, html(page).getBytes(StandardCharsets.UTF_8));
  }

  static byte[] css() {
    try (InputStream in = TrendsHtmlWriter.class.getResourceAsStream(CSS)) {
      if (in == null) {
        throw new IllegalStateException("trends.css is missing from the Baton jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trends.css from the Baton jar", e);
    }
  }

  public static String html(TrendsPage page) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<title>")
        .append(Html.esc(page.title()))
        .append("</title>\n<link rel=\"stylesheet\" href=\"")
        .append(CSS)
        .append("\"/>\n</head>\n<body>\n<h1>")
        .append(Html.esc(page.title()))
        .append("</h1>\n<p class=\"note\">")
        .append(page.runs().size())
        .append(" runs, oldest on the left.</p>\n");
    statusStrip(h, page);
    for (TrendsPage.Chart chart : page.charts()) {
      chart(h, chart, page.runs());
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void statusStrip(StringBuilder h, TrendsPage page) {
    int n = Math.max(1, page.runs().size());
    double w = (WIDTH - LEFT - RIGHT) / (double) n;
    h.append("<h2>Run status</h2>\n<svg class=\"chart strip\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(" 40\" role=\"img\" aria-label=\"run status\">\n");
    for (int i = 0; i < page.runs().size(); i++) {
      TrendsPage.Run r = page.runs().get(i);
      h.append("<rect class=\"status ")
          .append(Html.cssToken(r.status()).toUpperCase(Locale.ROOT).replace('-', '_'))
          .append("\" x=\"")
          .append(Html.num(LEFT + i * w))
          .append("\" y=\"8\" width=\"")
          .append(Html.num(Math.max(1, w)))
          .append("\" height=\"24\"><title>")
          .append(Html.esc(r.runId() + " " + r.status() + " " + r.commit()))
          .append("</title></rect>\n");
    }
    h.append("</svg>\n");
  }

  private static void chart(StringBuilder h, TrendsPage.Chart chart, List<TrendsPage.Run> runs) {
    List<Double> all = new ArrayList<>();
    for (TrendsPage.Line l : chart.lines()) {
      l.values().stream().filter(Objects::nonNull).forEach(all::add);
      if (l.low() != null) {
        l.low().stream().filter(Objects::nonNull).forEach(all::add);
      }
      if (l.high() != null) {
        l.high().stream().filter(Objects::nonNull).forEach(all::add);
      }
    }
    h.append("<h2>").append(Html.esc(chart.title())).append("</h2>\n");
    if (all.isEmpty()) {
      h.append("<p class=\"note\">No values in these runs.</p>\n");
      return;
    }
    double lo = all.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    if (hi - lo < 1e-12) {
      double pad = Math.abs(hi) < 1e-12 ? 1 : Math.abs(hi) * 0.05;
      lo -= pad;
      hi += pad;
    }
    Scale s = new Scale(lo, hi, runs.size());
    h.append("<svg class=\"chart\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.esc(chart.title()))
        .append("\">\n");
    for (double t : NiceTicks.between(lo, hi, 5)) {
      h.append("<line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(Html.num(s.y(t)))
          .append("\" y2=\"")
          .append(Html.num(s.y(t)))
          .append("\"/><text class=\"tick\" x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(Html.num(s.y(t) + 4))
          .append("\" text-anchor=\"end\">")
          .append(Html.esc(Html.value(t)))
          .append("</text>\n");
    }
    h.append("<line class=\"axis\" x1=\"")
        .append(LEFT)
        .append("\" x2=\"")
        .append(LEFT)
        .append("\" y1=\"")
        .append(TOP)
        .append("\" y2=\"")
        .append(HEIGHT - BOTTOM)
        .append("\"/>\n");
    for (int li = 0; li < chart.lines().size(); li++) {
      TrendsPage.Line line = chart.lines().get(li);
      String colour = "c" + (li % COLOURS);
      if (line.low() != null && line.high() != null) {
        band(h, s, line.low(), line.high(), colour);
      }
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < line.values().size(); i++) {
        Double v = line.values().get(i);
        if (v != null) {
          points.append(points.length() == 0 ? "" : " ").append(Html.num(s.x(i))).append(',');
          points.append(Html.num(s.y(v)));
        }
      }
      h.append("<polyline class=\"line ")
          .append(colour)
          .append("\" data-series=\"")
          .append(Html.esc(line.name()))
          .append("\" points=\"")
          .append(points)
          .append("\"><title>")
          .append(Html.esc(line.name()))
          .append("</title></polyline>\n");
      for (int i = 0; i < line.values().size(); i++) {
        Double v = line.values().get(i);
        if (v != null && runs.size() <= 200) {
          h.append("<circle class=\"dot ")
              .append(colour)
              .append("\" cx=\"")
              .append(Html.num(s.x(i)))
              .append("\" cy=\"")
              .append(Html.num(s.y(v)))
              .append("\" r=\"3\"><title>")
              .append(Html.esc(line.name() + " " + Html.value(v) + " " + chart.unit()))
              .append(' ')
              .append(Html.esc(i < runs.size() ? runs.get(i).runId() : ""))
              .append("</title></circle>\n");
        }
      }
    }
    h.append("</svg>\n<ul class=\"legend\">\n");
    for (int li = 0; li < chart.lines().size(); li++) {
      h.append("<li class=\"c")
          .append(li % COLOURS)
          .append("\">")
          .append(Html.esc(chart.lines().get(li).name()))
          .append(chart.unit().isEmpty() ? "" : " (" + Html.esc(chart.unit()) + ")")
          .append("</li>\n");
    }
    h.append("</ul>\n");
  }

  private static void band(
      StringBuilder h,
      Scale s,
      List<@Nullable Double> low,
      List<@Nullable Double> high,
      String colour) {
    StringBuilder top = new StringBuilder();
    StringBuilder bottom = new StringBuilder();
    for (int i = 0; i < Math.min(low.size(), high.size()); i++) {
      Double l = low.get(i);
      Double u = high.get(i);
      if (l != null && u != null) {
        top.append(Html.num(s.x(i))).append(',').append(Html.num(s.y(u))).append(' ');
        bottom.insert(0, Html.num(s.x(i)) + "," + Html.num(s.y(l)) + " ");
      }
    }
    if (top.length() > 0) {
      h.append("<polygon class=\"band ")
          .append(colour)
          .append("\" points=\"")
          .append((top.toString() + bottom).strip())
          .append("\"/>\n");
    }
  }

  /** Run index and value to SVG coordinates. */
  private record Scale(double lo, double hi, int runs) {
    double x(int i) {
      double width = WIDTH - LEFT - RIGHT;
      return runs <= 1 ? LEFT + width / 2 : LEFT + width * i / (runs - 1);
    }

    double y(double v) {
      double height = HEIGHT - TOP - BOTTOM;
      return TOP + height * (1 - (v - lo) / (hi - lo));
    }
  }
}

package dev.baton.core.report;

import dev.baton.core.plan.Plan;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepCounts;
import dev.baton.core.record.StepState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline's DAG as SVG: a node per step (a matrix step's cells are one node with a bar of its
 * counts per status, linking to the table of its cells), an edge per need, the critical path drawn
 * heavier. Classes only, no style attribute and no script: report.css colours it in report.html,
 * and {@link #standalone(Plan)} carries the same rules in the file for {@code plan} output.
 */
public final class DagSvg {
  /** Characters of a step name that fit a node; longer names end in an ellipsis. */
  static final int NAME_CHARS = 24;

  private static final double BAR_HEIGHT = 5;

  private DagSvg() {}

  /** The plan's DAG as an SVG file of its own, styled from inside, before anything ran. */
  public static String standalone(Plan plan) {
    String css = new String(HtmlReportWriter.css(), StandardCharsets.UTF_8);
    String svg = render(DagGraph.of(plan), "dag-title", plan.pipeline() + ": the plan's steps");
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + svg.replaceFirst(
            "(?s)</title>\n", "</title>\n<style><![CDATA[\n" + css + "\n]]></style>\n");
  }

  /** The report's section: the run's DAG, coloured by how each step ended. */
  static String section(RunRecord record, HtmlCellGroups groups) {
    if (record.steps().isEmpty()) {
      return "";
    }
    DagGraph graph = DagGraph.of(record, groups);
    String svg = render(graph, "dag-title", "The pipeline's steps and their needs");
    return "<section id=\"dag\">\n<h2>Pipeline</h2>\n<div class=\"dag-scroll\">"
        + svg
        + "</div>\n<p class=\"note\">Each box is a step; a matrix step is one box with a bar of its"
        + " cells by status. Arrows point from a need to the step that needs it; the heavy path"
        + " is the critical path ("
        + (graph.nodes.stream().anyMatch(n -> n.durationMillis() > 0)
            ? "the longest chain by wall time"
            : "the longest chain of steps")
        + "). Select a box for its row in the step table.</p>\n</section>\n";
  }

  static String render(DagGraph graph, String titleId, String title) {
    DagLayout layout = new DagLayout(graph.nodes.size(), graph.edges);
    StringBuilder svg = new StringBuilder(1024 + graph.nodes.size() * 600);
    svg.append("<svg class=\"dag\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(Html.num(layout.width))
        .append("\" height=\"")
        .append(Html.num(layout.height))
        .append("\" viewBox=\"0 0 ")
        .append(Html.num(layout.width))
        .append(' ')
        .append(Html.num(layout.height))
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(titleId)
        .append("\">\n<title id=\"")
        .append(titleId)
        .append("\">")
        .append(Html.esc(title))
        .append("</title>\n<defs>")
        .append(arrow("dag-arrow", "dag-arrowhead"))
        .append(arrow("dag-arrow-critical", "dag-arrowhead critical"))
        .append("</defs>\n<g class=\"dag-edges\">\n");
    // Critical edges last, so they are drawn over the others.
    List<Integer> order = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < graph.edges.size(); i++) {
        int[] e = graph.edges.get(i);
        boolean critical = graph.criticalEdges.contains(DagGraph.key(e[0], e[1]));
        if (critical == (pass == 1)) {
          order.add(i);
        }
      }
    }
    for (int i : order) {
      int[] e = graph.edges.get(i);
      boolean critical = graph.criticalEdges.contains(DagGraph.key(e[0], e[1]));
      svg.append("<path class=\"dag-edge")
          .append(critical ? " critical" : "")
          .append("\" d=\"")
          .append(path(layout.routes.get(i)))
          .append("\" marker-end=\"url(#")
          .append(critical ? "dag-arrow-critical" : "dag-arrow")
          .append(")\"/>\n");
    }
    svg.append("</g>\n<g class=\"dag-nodes\">\n");
    for (int v = 0; v < graph.nodes.size(); v++) {
      node(svg, graph, graph.nodes.get(v), layout.x[v], layout.y[v]);
    }
    return svg.append("</g>\n</svg>\n").toString();
  }

  private static String arrow(String id, String css) {
    return "<marker id=\""
        + id
        + "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\""
        + " orient=\"auto\"><path class=\""
        + css
        + "\" d=\"M0 0 L10 5 L0 10 z\"/></marker>";
  }

  /** Horizontal tangents at every point: an S-curve between layers, straight along dummy lanes. */
  private static String path(List<DagLayout.Point> points) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      DagLayout.Point p = points.get(i);
      if (i == 0) {
        d.append('M').append(Html.num(p.x())).append(' ').append(Html.num(p.y()));
        continue;
      }
      DagLayout.Point q = points.get(i - 1);
      if (q.y() == p.y()) {
        d.append(" L").append(Html.num(p.x())).append(' ').append(Html.num(p.y()));
      } else {
        double mid = (q.x() + p.x()) / 2;
        d.append(" C")
            .append(Html.num(mid))
            .append(' ')
            .append(Html.num(q.y()))
            .append(' ')
            .append(Html.num(mid))
            .append(' ')
            .append(Html.num(p.y()))
            .append(' ')
            .append(Html.num(p.x()))
            .append(' ')
            .append(Html.num(p.y()));
      }
    }
    return d.toString();
  }

  private static void node(StringBuilder svg, DagGraph graph, DagGraph.Node n, double x, double y) {
    StepState status = n.status();
    String state =
        status != null ? "st-" + status.name() : n.skipped ? "st-SKIPPED planned" : "planned";
    @Nullable String href = n.href;
    if (href != null) {
      svg.append("<a href=\"").append(href).append("\">");
    }
    svg.append("<g class=\"dag-node ")
        .append(state)
        .append(n.critical ? " critical" : "")
        .append("\"><title>")
        .append(Html.esc(tooltip(graph, n)))
        .append("</title>\n");
    svg.append("<rect class=\"dag-box\" x=\"")
        .append(Html.num(x))
        .append("\" y=\"")
        .append(Html.num(y))
        .append("\" width=\"")
        .append(Html.num(DagLayout.NODE_WIDTH))
        .append("\" height=\"")
        .append(Html.num(DagLayout.NODE_HEIGHT))
        .append("\" rx=\"6\"/>");
    svg.append("<rect class=\"dag-stripe\" x=\"")
        .append(Html.num(x))
        .append("\" y=\"")
        .append(Html.num(y))
        .append("\" width=\"6\" height=\"")
        .append(Html.num(DagLayout.NODE_HEIGHT))
        .append("\" rx=\"3\"/>\n");
    svg.append(BoxPlotSvg.text("dag-name", x + 14, y + 18, Html.esc(shortName(n.name))));
    svg.append(BoxPlotSvg.text("dag-detail", x + 14, y + 34, Html.esc(detail(graph, n))));
    if (graph.ran && n.matrix) {
      bar(svg, n, x + 14, y + DagLayout.NODE_HEIGHT - BAR_HEIGHT - 3);
    }
    svg.append("</g>");
    if (href != null) {
      svg.append("</a>");
    }
    svg.append('\n');
  }

  /** The cells' states as one bar, each state's share of it in the state's colour. */
  private static void bar(StringBuilder svg, DagGraph.Node n, double x, double y) {
    double width = DagLayout.NODE_WIDTH - 24;
    double total = n.ids.size();
    double at = x;
    for (Map.Entry<StepState, Integer> c : n.counts.entrySet()) {
      double w = width * c.getValue() / total;
      svg.append("<rect class=\"dag-bar st-")
          .append(c.getKey().name())
          .append("\" x=\"")
          .append(Html.num(at))
          .append("\" y=\"")
          .append(Html.num(y))
          .append("\" width=\"")
          .append(Html.num(Math.max(w, 1)))
          .append("\" height=\"")
          .append(Html.num(BAR_HEIGHT))
          .append("\"/>");
      at += w;
    }
    svg.append('\n');
  }

  static String shortName(String name) {
    return name.length() <= NAME_CHARS ? name : name.substring(0, NAME_CHARS - 1) + "\u2026";
  }

  /** The second line: cells and time after a run; cells, kind or skipped in a plan. */
  private static String detail(DagGraph graph, DagGraph.Node n) {
    List<String> parts = new ArrayList<>();
    if (n.matrix) {
      parts.add(String.format("%,d cell%s", n.ids.size(), n.ids.size() == 1 ? "" : "s"));
    }
    if (graph.ran) {
      StepState status = n.status();
      if (!n.matrix && status != null) {
        parts.add(StepCounts.label(status));
      }
      if (n.durationMillis() > 0) {
        parts.add(HumanDuration.format(n.durationMillis()));
      }
    } else {
      if (!n.kind.equals("run")) {
        parts.add(n.kind);
      }
      if (n.skipped) {
        parts.add("skipped");
      }
    }
    return String.join(" \u00b7 ", parts);
  }

  private static String tooltip(DagGraph graph, DagGraph.Node n) {
    StringBuilder t = new StringBuilder(n.name);
    if (n.matrix) {
      t.append(": ").append(n.ids.size()).append(" cells");
    }
    if (graph.ran) {
      List<String> counts = new ArrayList<>();
      n.counts.forEach((state, c) -> counts.add(c + " " + StepCounts.label(state)));
      t.append(
          n.matrix ? " (" + String.join(", ", counts) + ")" : ": " + String.join(", ", counts));
    }
    if (n.critical) {
      t.append("; on the critical path");
    }
    return t.toString();
  }
}

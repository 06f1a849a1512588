package dev.baton.core.report;

import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepCounts;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matrix steps of many cells in report.html: above {@link #GROUP_AT} cells a step is one group in
 * the step table (counts per status, its slowest and its failed cells) and its full cell table is a
 * page of its own, {@code report-cells-<n>.html}, linked from the group. A run of 100,000 cells so
 * keeps a report.html of a few hundred kilobytes that a browser opens at once.
 */
final class HtmlCellGroups {
  /** Cells past which a matrix step is grouped. */
  static final int GROUP_AT = 300;

  /** Slowest cells listed in a group. */
  static final int SLOWEST = 10;

  /** Failed cells listed in a group; the rest are on the group's page. */
  static final int FAILED = 50;

  /** The large matrix steps in the record's order, by step name, and where each step sits. */
  final Map<String, List<StepRecord>> groups = new LinkedHashMap<>();

  private final IdentityHashMap<StepRecord, Integer> positions = new IdentityHashMap<>();
  private final Map<String, Integer> pageOf = new LinkedHashMap<>();

  private HtmlCellGroups() {}

  static HtmlCellGroups of(RunRecord record) {
    HtmlCellGroups g = new HtmlCellGroups();
    Map<String, List<StepRecord>> byStep = new LinkedHashMap<>();
    List<StepRecord> steps = record.steps();
    for (int i = 0; i < steps.size(); i++) {
      StepRecord s = steps.get(i);
      g.positions.put(s, i + 1);
      if (!s.matrix().isEmpty()) {
        byStep.computeIfAbsent(s.step(), k -> new ArrayList<>()).add(s);
      }
    }
    byStep.forEach(
        (name, cells) -> {
          if (cells.size() > GROUP_AT) {
            g.groups.put(name, cells);
            g.pageOf.put(name, g.pageOf.size() + 1);
          }
        });
    return g;
  }

  /** The anchor of a step's row; positional, so any step id is safe in it. */
  String anchor(StepRecord step) {
    return "step-" + positions.getOrDefault(step, 0);
  }

  /** Where a step's row is: in report.html, or on its group's page. */
  String href(StepRecord step) {
    Integer page = grouped(step) ? pageOf.get(step.step()) : null;
    return (page == null ? "" : page(page)) + "#" + anchor(step);
  }

  boolean grouped(StepRecord step) {
    return !step.matrix().isEmpty() && groups.containsKey(step.step());
  }

  static String page(int n) {
    return "report-cells-" + n + ".html";
  }

  /** The file name of each group's page, by step name. */
  Map<String, String> pages() {
    Map<String, String> out = new LinkedHashMap<>();
    pageOf.forEach((name, n) -> out.put(name, page(n)));
    return out;
  }

  /** The group's rows in the step table: a summary, then its slowest and failed cells. */
  void rows(StringBuilder html, String name) {
    List<StepRecord> cells = groups.getOrDefault(name, List.of());
    Map<StepState, Integer> counts = new EnumMap<>(StepState.class);
    cells.forEach(c -> counts.merge(c.status(), 1, Integer::sum));
    html.append("<tr class=\"cell-group\"><td class=\"step-id\">")
        .append(Html.esc(name))
        .append(" <a href=\"")
        .append(pages().get(name))
        .append("\">")
        .append(String.format("%,d", cells.size()))
        .append(" cells</a></td><td colspan=\"6\"><ul class=\"counts\">");
    counts.forEach(
        (state, count) ->
            html.append("<li class=\"count st-")
                .append(state.name())
                .append("\"><span class=\"n\">")
                .append(count)
                .append("</span> ")
                .append(StepCounts.label(state))
                .append("</li>"));
    html.append("</ul></td></tr>\n");
    List<StepRecord> slowest =
        cells.stream()
            .filter(c -> c.startedAt() != null)
            .sorted(Comparator.comparingLong(StepRecord::durationMillis).reversed())
            .limit(SLOWEST)
            .toList();
    List<StepRecord> failed =
        cells.stream().filter(c -> StepCounts.isFailure(c.status())).limit(FAILED).toList();
    for (StepRecord c : slowest) {
      cellRow(html, c, "slowest");
    }
    for (StepRecord c : failed) {
      cellRow(html, c, "failed");
    }
  }

  private void cellRow(StringBuilder html, StepRecord c, String why) {
    html.append("<tr class=\"cell-")
        .append(why)
        .append("\"><td class=\"step-id\"><a href=\"")
        .append(href(c))
        .append("\">")
        .append(Html.esc(c.id()))
        .append("</a> <span class=\"step-message\">")
        .append(why)
        .append("</span></td><td>")
        .append(HtmlStepSections.badge(c))
        .append("</td><td class=\"num\">")
        .append(c.startedAt() == null ? "" : HumanDuration.format(c.durationMillis()))
        .append("</td><td class=\"num\">")
        .append(c.attempts().size())
        .append("</td><td></td><td></td><td>");
    String log = Html.relativeUrl(c.log());
    if (log != null && !c.attempts().isEmpty()) {
      html.append("<a href=\"").append(log).append("\">log</a>");
    }
    html.append("</td></tr>\n");
  }

  /** The page of one group: every cell, one short row each. */
  String cellsPage(RunRecord record, String name) {
    StringBuilder html = new StringBuilder();
    try {
      writeCellsPage(record, name, html);
    } catch (IOException e) {
      throw new IllegalStateException("cannot render a cells page: " + e.getMessage(), e);
    }
    return html.toString();
  }

  /** Writes {@link #cellsPage} to {@code out} as it is built (100,000 rows are 20 MB of text). */
  void writeCellsPage(RunRecord record, String name, Appendable out) throws IOException {
    List<StepRecord> cells = groups.getOrDefault(name, List.of());
    Spill spill = new Spill(out);
    StringBuilder html = spill.buffer();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<title>")
        .append(Html.esc(name))
        .append(": ")
        .append(cells.size())
        .append(" cells - Baton run ")
        .append(Html.esc(record.runId()))
        .append("</title>\n<link rel=\"stylesheet\" href=\"")
        .append(HtmlReportWriter.REPORT_CSS)
        .append("\"/>\n</head>\n<body>\n<main>\n<p><a href=\"")
        .append(HtmlReportWriter.REPORT_HTML)
        .append("#steps\">Back to the report</a></p>\n<h2>")
        .append(Html.esc(name))
        .append(": every cell</h2>\n<div class=\"scroll\"><table class=\"steps\">\n<thead><tr>")
        .append("<th>Cell</th><th>Status</th><th class=\"num\">Duration</th>")
        .append("<th class=\"num\">Attempts</th><th>Log</th></tr></thead>\n<tbody>\n");
    for (StepRecord c : cells) {
      html.append("<tr id=\"")
          .append(anchor(c))
          .append("\"><td>")
          .append(Html.esc(c.id()))
          .append("</td><td>")
          .append(HtmlStepSections.badge(c))
          .append("</td><td class=\"num\">")
          .append(c.startedAt() == null ? "" : HumanDuration.format(c.durationMillis()))
          .append("</td><td class=\"num\">")
          .append(c.attempts().size())
          .append("</td><td>");
      String log = Html.relativeUrl(c.log());
      if (log != null && !c.attempts().isEmpty()) {
        html.append("<a href=\"").append(log).append("\">log</a>");
      }
      html.append("</td></tr>\n");
      spill.maybe();
    }
    html.append("</tbody>\n</table></div>\n</main>\n</body>\n</html>\n");
    spill.flush();
  }
}

package dev.baton.core.report;

import dev.baton.core.record.AgentRecord;
import dev.baton.core.record.DynamicCell;
import dev.baton.core.record.GateResult;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepCounts;
import dev.baton.core.record.StepRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The step-related parts of report.html: what failed (first) and the table of all steps. */
final class HtmlStepSections {
  private HtmlStepSections() {}

  /** Failed steps shown in full, log tail included; past them the step table lists the rest. */
  static final int FAILURES_SHOWN = 50;

  static String failures(RunRecord record, HtmlCellGroups groups) {
    List<StepRecord> failed =
        record.steps().stream()
            .filter(s -> StepCounts.isFailure(s.status()) || hasFailedGate(s))
            .collect(Collectors.toList());
    if (failed.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<section id=\"failures\" class=\"failures\">\n");
    html.append("<h2>What failed</h2>\n");
    for (StepRecord step : failed.subList(0, Math.min(failed.size(), FAILURES_SHOWN))) {
      html.append("<article class=\"failure st-").append(step.status()).append("\">\n<h3>");
      html.append("<a href=\"").append(groups.href(step)).append("\">");
      html.append(Html.esc(step.id())).append("</a> ").append(badge(step)).append("</h3>\n");
      if (!step.message().isBlank()) {
        html.append("<p class=\"message\">").append(Html.esc(step.message())).append("</p>\n");
      }
      for (GateResult gate : GateResult.of(step)) {
        if (Boolean.FALSE.equals(gate.passed())) {
          html.append("<p class=\"failed-gate\">Gate <strong>")
              .append(Html.esc(gate.name()))
              .append("</strong>: ")
              .append(Html.esc(gate.message()))
              .append("</p>\n");
        }
      }
      if (!step.logTail().isEmpty()) {
        html.append("<pre class=\"log\">")
            .append(Html.esc(String.join("\n", step.logTail())))
            .append("</pre>\n");
      }
      String log = Html.relativeUrl(step.log());
      if (log != null) {
        html.append("<p class=\"log-link\"><a href=\"").append(log).append("\">Full log</a></p>\n");
      }
      html.append("</article>\n");
    }
    if (failed.size() > FAILURES_SHOWN) {
      html.append("<p class=\"more-failures\">")
          .append(String.format("%,d", failed.size() - FAILURES_SHOWN))
          .append(" more failed; the step table lists them.</p>\n");
    }
    return html.append("</section>\n").toString();
  }

  static String table(RunRecord record, HtmlCellGroups groups) {
    StringBuilder html = new StringBuilder("<section id=\"steps\">\n<h2>Steps</h2>\n");
    html.append("<div class=\"scroll\"><table class=\"steps\">\n<thead><tr>")
        .append("<th>Step</th><th>Status</th><th class=\"num\">Duration</th>")
        .append("<th class=\"num\">Attempts</th><th>Agent</th><th>GPUs</th><th>Log</th>")
        .append("</tr></thead>\n<tbody>\n");
    Set<String> groupsShown = new HashSet<>();
    for (StepRecord step : record.steps()) {
      if (groups.grouped(step)) {
        if (groupsShown.add(step.step())) {
          groups.rows(html, step.step());
        }
        continue;
      }
      html.append("<tr id=\"").append(groups.anchor(step)).append("\">");
      html.append("<td class=\"step-id\">").append(Html.esc(step.id()));
      dynamic(html, step);
      if (!step.message().isBlank()) {
        html.append("<div class=\"step-message\">")
            .append(Html.esc(step.message()))
            .append("</div>");
      }
      outputs(html, step);
      html.append("</td><td>").append(badge(step)).append("</td>");
      html.append("<td class=\"num\">")
          .append(step.startedAt() == null ? "" : HumanDuration.format(step.durationMillis()))
          .append("</td><td class=\"num\">")
          .append(step.attempts().size())
          .append("</td><td>")
          .append(Html.esc(AttemptText.where(step)))
          .append("</td><td>")
          .append(step.gpus().stream().map(String::valueOf).collect(Collectors.joining(", ")))
          .append("</td><td>");
      String log = Html.relativeUrl(step.log());
      if (log != null && !step.attempts().isEmpty()) {
        html.append("<a href=\"").append(log).append("\">log</a>");
      }
      html.append("</td></tr>\n");
    }
    return html.append("</tbody>\n</table></div>\n</section>\n").toString();
  }

  /**
   * Marks the cells of a dynamic fan-out, and the step they came from, with the axes their values
   * came from.
   */
  private static void dynamic(StringBuilder html, StepRecord step) {
    DynamicCell d = step.dynamic();
    if (d == null) {
      return;
    }
    String axes =
        d.axes().entrySet().stream()
            .map(e -> e.getKey() + " from " + e.getValue())
            .collect(Collectors.joining("; "));
    html.append(" <span class=\"dynamic\" title=\"")
        .append(Html.esc(axes))
        .append("\">")
        .append(
            d.index() < 0
                ? "dynamic: " + d.cells() + " cells"
                : "dynamic cell " + (d.index() + 1) + " of " + d.cells())
        .append("</span>");
  }

  /** The outputs the step wrote to $BATON_OUTPUT, under its id, folded away when there are many. */
  private static void outputs(StringBuilder html, StepRecord step) {
    if (step.outputs().isEmpty()) {
      return;
    }
    html.append(step.outputs().size() > 5 ? "<details>" : "<details open>")
        .append("<summary>outputs</summary><dl class=\"step-outputs\">");
    step.outputs()
        .forEach(
            (name, value) ->
                html.append("<dt>")
                    .append(Html.esc(name))
                    .append("</dt><dd><code>")
                    .append(Html.esc(OutputValues.shown(value)))
                    .append("</code></dd>"));
    html.append("</dl></details>");
  }

  static String agents(RunRecord record) {
    if (record.agents().isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<section id=\"agents\">\n<h2>Agents</h2>\n");
    html.append("<div class=\"scroll\"><table class=\"agents\">\n<thead><tr>")
        .append("<th>Agent</th><th>Labels</th><th class=\"num\">Executors</th><th>GPUs</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (AgentRecord agent : record.agents()) {
      html.append("<tr><td>")
          .append(Html.esc(agent.name()))
          .append("</td><td>")
          .append(Html.esc(String.join(", ", agent.labels())))
          .append("</td><td class=\"num\">")
          .append(agent.executors())
          .append("</td><td>")
          .append(Html.esc(gpus(agent)))
          .append("</td></tr>\n");
    }
    return html.append("</tbody>\n</table></div>\n</section>\n").toString();
  }

  static String badge(StepRecord step) {
    return "<span class=\"badge st-"
        + step.status()
        + "\">"
        + StepCounts.label(step.status())
        + "</span>";
  }

  private static boolean hasFailedGate(StepRecord step) {
    return GateResult.of(step).stream().anyMatch(g -> Boolean.FALSE.equals(g.passed()));
  }

  private static String gpus(AgentRecord agent) {
    return agent.gpus().stream()
        .map(
            gpu ->
                gpu.index()
                    + ": "
                    + (gpu.model() == null ? "GPU" : gpu.model())
                    + (gpu.memoryMiB() > 0 ? " " + gpu.memoryMiB() / 1024 + " GiB" : "")
                    + (gpu.simulated() ? " (declared)" : ""))
        .collect(Collectors.joining(", "));
  }
}

package dev.baton.core.report;

import dev.baton.core.io.MillisInstantModule;
import dev.baton.core.record.BenchmarkResult;
import dev.baton.core.record.GateResult;
import dev.baton.core.record.RolloutEvent;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepRecord;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The parts of report.html that only stage steps have: gate tables, benchmark box plots and rollout
 * charts. Each section is left out entirely when no step recorded that kind of result.
 */
final class HtmlStageSections {
  private HtmlStageSections() {}

  static String gates(RunRecord record) {
    StringBuilder html = new StringBuilder();
    for (StepRecord step : record.steps()) {
      List<GateResult> gates = GateResult.of(step);
      if (gates.isEmpty()) {
        continue;
      }
      html.append("<h3>").append(Html.esc(step.id())).append("</h3>\n");
      html.append("<div class=\"scroll\"><table class=\"gates\">\n<thead><tr>")
          .append("<th>Gate</th><th class=\"num\">Value</th><th class=\"num\">Threshold</th>")
          .append("<th class=\"num\">Baseline</th><th>Verdict</th></tr></thead>\n<tbody>\n");
      for (GateResult gate : gates) {
        String verdict =
            gate.passed() == null ? "not-evaluated" : gate.passed() ? "passed" : "failed";
        html.append("<tr class=\"gate-").append(verdict).append("\"><td>");
        html.append(Html.esc(gate.name()));
        if (!gate.message().isBlank()) {
          html.append("<div class=\"step-message\">")
              .append(Html.esc(gate.message()))
              .append("</div>");
        }
        html.append("</td><td class=\"num\">")
            .append(number(gate.value()))
            .append("</td><td class=\"num\">")
            .append(number(gate.threshold()))
            .append("</td><td class=\"num\">")
            .append(number(gate.baseline()))
            .append("</td><td><span class=\"verdict verdict-")
            .append(verdict)
            .append("\">")
            .append(gate.verdict())
            .append("</span></td></tr>\n");
      }
      html.append("</tbody>\n</table></div>\n");
    }
    return section("gates", "Gates", html);
  }

  static String benchmarks(RunRecord record) {
    StringBuilder html = new StringBuilder();
    int index = 0;
    for (StepRecord step : record.steps()) {
      Optional<BenchmarkResult> found = BenchmarkResult.of(step);
      if (found.isEmpty() || found.get().samples().isEmpty()) {
        continue;
      }
      BenchmarkResult result = found.get();
      html.append("<h3>").append(Html.esc(step.id()));
      if (!result.verdict().isBlank()) {
        html.append(" <span class=\"verdict verdict-")
            .append(Html.cssToken(result.verdict()))
            .append("\">")
            .append(Html.esc(result.verdict()))
            .append("</span>");
      }
      html.append("</h3>\n");
      if (!result.message().isBlank()) {
        html.append("<p class=\"message\">").append(Html.esc(result.message())).append("</p>\n");
      }
      html.append("<figure class=\"chart\">")
          .append(BoxPlotSvg.render(result, "benchmark-title-" + ++index))
          .append("</figure>\n");
    }
    return section("benchmarks", "Benchmarks", html);
  }

  static String rollouts(RunRecord record) {
    StringBuilder html = new StringBuilder();
    int index = 0;
    for (StepRecord step : record.steps()) {
      List<RolloutEvent> events = RolloutEvent.of(step);
      if (events.isEmpty()) {
        continue;
      }
      html.append("<h3>").append(Html.esc(step.id())).append(' ');
      html.append(HtmlStepSections.badge(step)).append("</h3>\n");
      html.append("<figure class=\"chart\">")
          .append(RolloutSvg.render(events, "rollout-title-" + ++index))
          .append("</figure>\n");
      html.append("<ol class=\"rollout-events\">\n");
      for (RolloutEvent event : events) {
        html.append("<li><time>")
            .append(MillisInstantModule.format(event.time()))
            .append("</time> ")
            .append(Html.num(event.weight()))
            .append("% <span class=\"outcome outcome-")
            .append(Html.cssToken(event.outcome()))
            .append("\">")
            .append(Html.esc(event.outcome()))
            .append("</span></li>\n");
      }
      html.append("</ol>\n");
    }
    return section("rollouts", "Rollouts", html);
  }

  private static String section(String id, String title, StringBuilder body) {
    if (body.length() == 0) {
      return "";
    }
    return "<section id=\"" + id + "\">\n<h2>" + title + "</h2>\n" + body + "</section>\n";
  }

  private static String number(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
      // Gates compare exact values: show them as recorded, only cut to six significant digits.
      return new BigDecimal(value.toString())
          .round(new MathContext(6))
          .stripTrailingZeros()
          .toPlainString();
    }
    return Html.esc(String.valueOf(value));
  }
}

package dev.baton.core.report;

import dev.baton.core.record.GateResult;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepCounts;
import dev.baton.core.record.StepRecord;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a run record as GitHub-flavoured Markdown: a title, a table of steps, and for every
 * failed step its message and log tail. Written as summary.md and appended to {@code
 * $GITHUB_STEP_SUMMARY} on GitHub Actions.
 */
public final class SummaryMarkdownWriter {
  private SummaryMarkdownWriter() {}

  /** The Markdown summary of {@code record}. */
  public static String toMarkdown(RunRecord record) {
    StringBuilder md = new StringBuilder();
    try {
      write(record, md);
    } catch (IOException e) {
      throw new IllegalStateException("cannot render summary.md: " + e.getMessage(), e);
    }
    return md.toString();
  }

  /**
   * Writes the Markdown summary of {@code record} to {@code out} in pieces of about {@link
   * Spill#PIECE} characters (a table of 100,000 steps is never one string in memory).
   */
  public static void write(RunRecord record, Appendable out) throws IOException {
    Spill spill = new Spill(out);
    StringBuilder md = spill.buffer();
    md.append("## ")
        .append(Markdown.inline(record.pipeline()))
        .append(": ")
        .append(record.status())
        .append(" in ")
        .append(HumanDuration.format(record.durationMillis()))
        .append("\n\n");
    md.append("Run ")
        .append(Markdown.inline(record.runId()))
        .append(" · ")
        .append(StepCounts.of(record).describe())
        .append("\n\n");
    if (!record.steps().isEmpty()) {
      stepTable(spill, record);
      outputs(spill, record);
      md.append(HtmlUsageSection.markdown(record));
    }
    for (StepRecord step : record.steps()) {
      if (StepCounts.isFailure(step.status()) || !failedGates(step).isEmpty()) {
        failedStep(md, step);
        spill.maybe();
      }
    }
    spill.flush();
  }

  private static void stepTable(Spill spill, RunRecord record) throws IOException {
    StringBuilder md = spill.buffer();
    md.append("| Step | Status | Duration | Attempts | Agent | GPUs |\n");
    md.append("|---|---|---:|---:|---|---|\n");
    for (StepRecord step : record.steps()) {
      md.append("| ")
          .append(Markdown.inline(step.id()))
          .append(" | ")
          .append(step.status())
          .append(" | ")
          .append(HumanDuration.format(step.durationMillis()))
          .append(" | ")
          .append(step.attempts().size())
          .append(" | ")
          .append(Markdown.inline(AttemptText.where(step)))
          .append(" | ")
          .append(step.gpus().stream().map(String::valueOf).collect(Collectors.joining(", ")))
          .append(" |\n");
      spill.maybe();
    }
    md.append('\n');
  }

  /** The outputs each step wrote to $BATON_OUTPUT, one table per step that wrote any. */
  private static void outputs(Spill spill, RunRecord record) throws IOException {
    StringBuilder md = spill.buffer();
    if (record.steps().stream().allMatch(s -> s.outputs().isEmpty())) {
      return;
    }
    md.append("## Outputs\n\n");
    for (StepRecord step : record.steps()) {
      if (step.outputs().isEmpty()) {
        continue;
      }
      md.append("### ").append(Markdown.inline(step.id())).append("\n\n");
      md.append("| Name | Value |\n|---|---|\n");
      step.outputs()
          .forEach(
              (name, value) ->
                  md.append("| ")
                      .append(Markdown.inline(name))
                      .append(" | ")
                      .append(Markdown.inline(OutputValues.shown(value)))
                      .append(" |\n"));
      md.append('\n');
      spill.maybe();
    }
  }

  private static void failedStep(StringBuilder md, StepRecord step) {
    md.append("### ")
        .append(Markdown.inline(step.id()))
        .append(": ")
        .append(step.status())
        .append("\n\n");
    if (!step.message().isBlank()) {
      md.append(Markdown.inline(step.message())).append("\n\n");
    }
    List<GateResult> failedGates = failedGates(step);
    if (!failedGates.isEmpty()) {
      md.append("Failed gates:\n\n");
      for (GateResult gate : failedGates) {
        md.append("- ").append(Markdown.inline(gate.name()));
        if (!gate.message().isBlank()) {
          md.append(": ").append(Markdown.inline(gate.message()));
        }
        md.append('\n');
      }
      md.append('\n');
    }
    if (!step.logTail().isEmpty()) {
      md.append("Last lines of the log");
      if (step.log() != null) {
        md.append(" (").append(Markdown.inline(step.log())).append(')');
      }
      md.append(":\n\n").append(Markdown.codeBlock(String.join("\n", step.logTail()))).append('\n');
    }
  }

  private static List<GateResult> failedGates(StepRecord step) {
    return GateResult.of(step).stream()
        .filter(gate -> Boolean.FALSE.equals(gate.passed()))
        .collect(Collectors.toList());
  }
}

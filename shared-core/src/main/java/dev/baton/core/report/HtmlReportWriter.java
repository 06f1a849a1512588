package dev.baton.core.report;

import dev.baton.core.io.AtomicFiles;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepCounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a run record as report.html with its stylesheet report.css: a status banner, what failed
 * (with log tails), a timeline of attempts per agent and GPU, the step table and stage results. The
 * page has no script, no inline style and no external resource, so it renders under Jenkins'
 * Content-Security-Policy for archived files.
 */
public final class HtmlReportWriter {
  public static final String REPORT_HTML = "report.html";
  public static final String REPORT_CSS = "report.css";

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private HtmlReportWriter() {}

  /**
   * Writes report.html and report.css into {@code reportDir} atomically, and a page per large
   * matrix step ({@code report-cells-<n>.html}); returns every path written, report.html first.
   */
  public static List<Path> write(RunRecord record, Path reportDir) {
    Path html = reportDir.resolve(REPORT_HTML);
    Path css = reportDir.resolve(REPORT_CSS);
    AtomicFiles.write(css, css());
    HtmlCellGroups groups = HtmlCellGroups.of(record);
    AtomicFiles.write(html, toHtml(record, groups));
    List<Path> written = new ArrayList<>(List.of(html, css));
    groups
        .pages()
        .forEach(
            (name, page) -> {
              Path file = reportDir.resolve(page);
              AtomicFiles.write(file, Utf8Text.of(w -> groups.writeCellsPage(record, name, w)));
              written.add(file);
            });
    return written;
  }

  /** The stylesheet report.html links to. */
  public static byte[] css() {
    try (InputStream in = HtmlReportWriter.class.getResourceAsStream(REPORT_CSS)) {
      if (in == null) {
        throw new IllegalStateException("report.css is missing from the Baton jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read report.css from the Baton jar", e);
    }
  }

  /**
   * The HTML page for {@code record}; it is also well-formed XML, which keeps its escaping honest.
   */
  public static String toHtml(RunRecord record) {
    return toHtml(record, HtmlCellGroups.of(record));
  }

  private static String toHtml(RunRecord record, HtmlCellGroups groups) {
    String pipeline = Html.esc(record.pipeline());
    String status = record.status() == null ? "UNKNOWN" : record.status().name();
    String timeline = TimelineSvg.render(withoutGroupedCells(record, groups));
    String failures = HtmlStepSections.failures(record, groups);
    String dag = DagSvg.section(record, groups);
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>")
        .append(pipeline)
        .append(": ")
        .append(status)
        .append(" - Baton run ")
        .append(Html.esc(record.runId()))
        .append("</title>\n<link rel=\"stylesheet\" href=\"")
        .append(REPORT_CSS)
        .append("\"/>\n</head>\n<body>\n");
    banner(html, record, pipeline, status);
    html.append("<nav class=\"toc\">");
    if (!failures.isEmpty()) {
      html.append("<a href=\"#failures\">What failed</a>");
    }
    if (!dag.isEmpty()) {
      html.append("<a href=\"#dag\">Pipeline</a>");
    }
    if (!timeline.isEmpty()) {
      html.append("<a href=\"#timeline\">Timeline</a>");
    }
    html.append("<a href=\"#steps\">Steps</a></nav>\n<main>\n");
    html.append(failures);
    html.append(dag);
    if (!timeline.isEmpty()) {
      html.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n<figure class=\"chart\">")
          .append(timeline)
          .append("<figcaption>")
          .append(legend(record))
          .append(
              groups.groups.isEmpty()
                  ? ""
                  : "<p class=\"note\">Cells of matrix steps with more than "
                      + HtmlCellGroups.GROUP_AT
                      + " cells are not drawn: see their groups in the step table.</p>")
          .append("</figcaption></figure>\n</section>\n");
    }
    html.append(HtmlStepSections.table(record, groups));
    html.append(HtmlStageSections.gates(record));
    html.append(HtmlStageSections.benchmarks(record));
    html.append(HtmlStageSections.rollouts(record));
    html.append(HtmlStepSections.agents(record));
    html.append(HtmlUsageSection.render(record, groups));
    html.append("</main>\n<footer>Generated by Baton from run.json");
    if (record.descriptor() != null) {
      html.append(" for ").append(Html.esc(record.descriptor()));
    }
    return html.append(".</footer>\n</body>\n</html>\n").toString();
  }

  /**
   * The record the timeline draws: the cells of large matrix steps are left out (a bar each would
   * make a chart no one can read and a page of many megabytes); their group lists the slowest.
   */
  private static RunRecord withoutGroupedCells(RunRecord record, HtmlCellGroups groups) {
    if (groups.groups.isEmpty()) {
      return record;
    }
    return new RunRecord(
        record.schemaVersion(),
        record.runId(),
        record.pipeline(),
        record.status(),
        record.startedAt(),
        record.endedAt(),
        record.descriptor(),
        record.executor(),
        record.params(),
        record.agents(),
        record.steps().stream().filter(s -> !groups.grouped(s)).toList(),
        BatonBuild.current(),
        null,
        null);
  }

  private static void banner(StringBuilder html, RunRecord record, String pipeline, String status) {
    html.append("<header class=\"banner status-").append(status).append("\">\n");
    html.append("<div class=\"banner-inner\">\n");
    html.append("<p class=\"pipeline\">").append(pipeline).append("</p>\n");
    html.append("<h1>")
        .append(status)
        .append(" <span class=\"duration\">in ")
        .append(HumanDuration.format(record.durationMillis()))
        .append("</span></h1>\n<p class=\"meta\">Run ")
        .append(Html.esc(record.runId()));
    if (record.startedAt() != null) {
      html.append(" &#183; started ").append(WHEN.format(record.startedAt()));
    }
    if (record.executor() != null) {
      html.append(" &#183; executor ").append(Html.esc(record.executor()));
    }
    for (Map.Entry<String, String> param : record.params().entrySet()) {
      html.append(" &#183; <span class=\"param\">")
          .append(Html.esc(param.getKey()))
          .append('=')
          .append(Html.esc(param.getValue()))
          .append("</span>");
    }
    html.append("</p>\n<ul class=\"counts\">");
    StepCounts.of(record)
        .asMap()
        .forEach(
            (state, count) ->
                html.append("<li class=\"count st-")
                    .append(state.name())
                    .append("\"><span class=\"n\">")
                    .append(count)
                    .append("</span> ")
                    .append(StepCounts.label(state))
                    .append("</li>"));
    html.append("</ul>\n</div>\n</header>\n");
  }

  private static String legend(RunRecord record) {
    StringBuilder html = new StringBuilder("<ul class=\"legend\">");
    record.steps().stream()
        .flatMap(step -> step.attempts().stream())
        .map(AttemptRecord::status)
        .filter(s -> s != null)
        .distinct()
        .sorted()
        .forEach(
            state ->
                html.append("<li><span class=\"swatch st-")
                    .append(state.name())
                    .append("\"></span>")
                    .append(StepCounts.label(state))
                    .append("</li>"));
    return html.append("</ul>").toString();
  }
}

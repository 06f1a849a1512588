package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DAG in report.html: a node per step, matrix cells grouped, the critical path marked. */
class DagSvgTest {
  @TempDir Path dir;

  static StepRecord step(
      String id,
      String name,
      Map<String, String> matrix,
      List<String> needs,
      StepState state,
      long start,
      long duration) {
    StepRecord s =
        SampleRecords.step(
            id, name, "run", state, "local", List.of(), start, duration, 1, "", List.of());
    return new StepRecord(
        s.id(),
        s.step(),
        s.kind(),
        s.status(),
        matrix,
        needs,
        s.command(),
        s.agent(),
        s.gpus(),
        s.startedAt(),
        s.endedAt(),
        s.attempts(),
        "logs/" + id + ".log",
        s.message(),
        s.logTail(),
        s.results(),
        false,
        null,
        null,
        null);
  }

  static RunRecord record(List<StepRecord> steps) {
    return new RunRecord(
        1,
        "r1",
        "dag",
        RunStatus.FAILED,
        SampleRecords.at(0),
        SampleRecords.at(100_000),
        "baton.yaml",
        "local",
        Map.of(),
        List.of(),
        steps,
        BatonBuild.current(),
        null,
        null);
  }

  /** prepare, a sweep of {@code cells} cells that needs it, and a report that needs every cell. */
  static RunRecord sweep(int cells) {
    return sweep(cells, StepState.FAILED);
  }

  /** As {@link #sweep(int)}, with one cell in a hundred ending as {@code odd}. */
  static RunRecord sweep(int cells, StepState odd) {
    List<StepRecord> steps = new ArrayList<>();
    steps.add(step("prepare", "prepare", Map.of(), List.of(), StepState.SUCCEEDED, 0, 1_000));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < cells; i++) {
      String id = "sweep[lr=" + i + "]";
      ids.add(id);
      StepState state = i % 100 == 3 ? odd : StepState.SUCCEEDED;
      steps.add(
          step(id, "sweep", Map.of("lr", "" + i), List.of("prepare"), state, 1_000 + i, 5_000));
    }
    steps.add(step("report", "report", Map.of(), ids, StepState.SKIPPED, 0, 0));
    return record(steps);
  }

  @Test
  void aMatrixOf500CellsIsOneNodeWithItsCountsLinkingToItsCellTable() throws Exception {
    ReportWriter.writeAll(sweep(500), dir, Map.of());
    String html = Files.readString(dir.resolve("report.html"));

    String svg = dagSvg(html);
    assertThat(count(svg, "<g class=\"dag-node ")).isEqualTo(3);
    assertThat(count(svg, "<path class=\"dag-edge")).isEqualTo(2);
    assertThat(svg)
        .contains("500 cells")
        .contains("<a href=\"report-cells-1.html\"><g class=\"dag-node st-FAILED")
        .contains("sweep: 500 cells (495 succeeded, 5 failed)")
        .contains("<rect class=\"dag-bar st-SUCCEEDED\"", "<rect class=\"dag-bar st-FAILED\"");
    assertThat(html).contains("<a href=\"#dag\">Pipeline</a>");
    assertThat(HtmlChecks.cspProblems(html)).isEmpty();
    wellFormed(svg);
  }

  @Test
  void aSmallMatrixNodeLinksToItsFirstCellsRowInTheStepTable() {
    String html = HtmlReportWriter.toHtml(sweep(3));

    assertThat(dagSvg(html)).contains("<a href=\"#step-2\"><g class=\"dag-node st-SUCCEEDED");
    assertThat(html).contains("<tr id=\"step-2\">");
  }

  @Test
  void theCriticalPathIsTheLongestChainByWallTime() {
    // a -> slow -> end and a -> fast -> end: three steps each way, but slow takes longer.
    RunRecord run =
        record(
            List.of(
                step("a", "a", Map.of(), List.of(), StepState.SUCCEEDED, 0, 1_000),
                step("fast", "fast", Map.of(), List.of("a"), StepState.SUCCEEDED, 1_000, 1_000),
                step("slow", "slow", Map.of(), List.of("a"), StepState.SUCCEEDED, 1_000, 9_000),
                step(
                    "end",
                    "end",
                    Map.of(),
                    List.of("fast", "slow"),
                    StepState.FAILED,
                    10_000,
                    10)));

    DagGraph graph = DagGraph.of(run, HtmlCellGroups.of(run));

    assertThat(graph.nodes.stream().filter(n -> n.critical).map(n -> n.name))
        .containsExactly("a", "slow", "end");
    String svg = DagSvg.render(graph, "t", "t");
    assertThat(count(svg, "<path class=\"dag-edge critical\"")).isEqualTo(2);
    assertThat(svg).contains("<g class=\"dag-node st-FAILED critical\">");
  }

  @Test
  void stepNamesAreEscapedAndLongOnesShortened() throws Exception {
    String name = "<evil & \"long\" step name that goes on>";
    RunRecord run =
        record(List.of(step(name, name, Map.of(), List.of(), StepState.SUCCEEDED, 0, 10)));

    String svg = dagSvg(HtmlReportWriter.toHtml(run));

    assertThat(svg)
        .doesNotContain("<evil")
        .contains("&lt;evil &amp; &quot;long&quot; step nam\u2026");
    wellFormed(svg);
  }

  private static String dagSvg(String html) {
    Matcher m = Pattern.compile("(?s)<svg class=\"dag\".*?</svg>").matcher(html);
    assertThat(m.find()).as("report.html has the DAG").isTrue();
    return m.group();
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  static void wellFormed(String xml) throws Exception {
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}

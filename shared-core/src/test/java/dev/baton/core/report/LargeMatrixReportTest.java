package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Above a few hundred cells a matrix step is one group in report.html (counts per status, its
 * slowest and failed cells) with every cell on a page of its own; run.json is streamed and reads
 * back the same.
 */
class LargeMatrixReportTest {
  @TempDir Path dir;

  private static RunRecord run(int cells) {
    List<StepRecord> steps = new ArrayList<>();
    for (int i = 0; i < cells; i++) {
      StepState state = i % 1000 == 7 ? StepState.FAILED : StepState.SUCCEEDED;
      StepRecord s =
          SampleRecords.step(
              "cell[a=" + i + "]",
              "cell",
              "run",
              state,
              "local",
              List.of(),
              i,
              10 + i % 97,
              1,
              state == StepState.FAILED ? "exit code 1" : "",
              List.of());
      steps.add(
          new StepRecord(
              s.id(),
              s.step(),
              s.kind(),
              s.status(),
              Map.of("a", String.valueOf(i)),
              s.needs(),
              s.command(),
              s.agent(),
              s.gpus(),
              s.startedAt(),
              s.endedAt(),
              s.attempts(),
              "logs/cell-" + i + ".log",
              s.message(),
              s.logTail(),
              s.results(),
              false,
              null,
              null,
              null));
    }
    steps.add(
        SampleRecords.step(
            "fanin", "fanin", "run", StepState.SKIPPED, null, List.of(), 0, 0, 0, "", List.of()));
    return new RunRecord(
        1,
        "r1",
        "sweep",
        RunStatus.FAILED,
        SampleRecords.at(0),
        SampleRecords.at(cells + 200),
        "baton.yaml",
        "local",
        Map.of(),
        List.of(),
        steps,
        BatonBuild.current(),
        null,
        null);
  }

  @Test
  void aMatrixOfManyCellsIsOneGroupWithItsCellsOnAPageOfTheirOwn() throws Exception {
    RunRecord record = run(20_000);
    List<Path> written = ReportWriter.writeAll(record, dir, Map.of());

    Path cells = dir.resolve("report-cells-1.html");
    assertThat(written).contains(cells);
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html)
        .contains("<a href=\"report-cells-1.html\">20,000 cells</a>")
        .contains("<span class=\"n\">19980</span> succeeded")
        .contains("cell[a=7]", "cell[a=19007]") // failed cells listed
        .contains("href=\"report-cells-1.html#step-8\"") // and linked to their row
        .doesNotContain("cell[a=5]<"); // an ordinary cell is only on its page
    assertThat(Files.size(dir.resolve("report.html"))).isLessThan(200_000);
    assertThat(HtmlChecks.cspProblems(html)).isEmpty();
    String page = Files.readString(cells);
    assertThat(page).contains("<tr id=\"step-6\"><td>cell[a=5]</td>", "cell[a=19999]");
    assertThat(HtmlChecks.cspProblems(page)).isEmpty();
  }

  @Test
  void aSmallMatrixKeepsARowPerCell() throws Exception {
    ReportWriter.writeAll(run(HtmlCellGroups.GROUP_AT), dir, Map.of());

    assertThat(Files.readString(dir.resolve("report.html"))).contains("cell[a=5]<");
    assertThat(dir.resolve("report-cells-1.html")).doesNotExist();
  }

  @Test
  void runJsonIsStreamedAsTheSameTextAndReadsBack() throws Exception {
    RunRecord record = run(2_000);
    Path file = dir.resolve("run.json");
    RunRecordJson.write(record, file);

    assertThat(Files.readString(file)).isEqualTo(RunRecordJson.toJson(record));
    assertThat(RunRecordJson.read(file)).isEqualTo(record);
  }

  @Test
  void junitSummaryAndCellsPageAreStreamedInPiecesAsTheSameText() throws Exception {
    // 2,000 cells: each report is larger than Spill's piece, so it is handed on in pieces.
    RunRecord record = run(2_000);
    ReportWriter.writeAll(record, dir, Map.of());

    assertThat(Files.readString(dir.resolve("junit.xml"))).isEqualTo(JunitXmlWriter.toXml(record));
    String summary = Files.readString(dir.resolve("summary.md"));
    assertThat(summary).isEqualTo(SummaryMarkdownWriter.toMarkdown(record));
    assertThat(summary.length()).isGreaterThan(Spill.PIECE);
    HtmlCellGroups groups = HtmlCellGroups.of(record);
    String name = groups.groups.keySet().iterator().next();
    String page = Files.readString(dir.resolve("report-cells-1.html"));
    assertThat(page).isEqualTo(groups.cellsPage(record, name));
    assertThat(page.length()).isGreaterThan(2 * Spill.PIECE);
    assertThat(page).endsWith("</html>\n");
  }
}

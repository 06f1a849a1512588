package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.UsageException;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path dir;

  @Test
  void writesEveryReportIntoANewReportDirectory() {
    Path reportDir = dir.resolve(".baton/runs/20261124-101500-3f2a");
    RunRecord record = SampleRecords.failedRun();

    List<Path> written = ReportWriter.writeAll(record, reportDir, Map.of());

    assertThat(written)
        .startsWith(reportDir.resolve("run.json"))
        .contains(
            reportDir.resolve("junit.xml"),
            reportDir.resolve("summary.md"),
            reportDir.resolve("report.html"),
            reportDir.resolve("report.css"));
    assertThat(written).allMatch(Files::isRegularFile);
    assertThat(RunRecordJson.read(reportDir)).isEqualTo(record);
    assertThat(reportDir.resolve("junit.xml")).hasContent(JunitXmlWriter.toXml(record));
    assertThat(reportDir.resolve("summary.md"))
        .hasContent(SummaryMarkdownWriter.toMarkdown(record));
  }

  @Test
  void appendsTheSummaryToGithubStepSummaryKeepingWhatWasThere() throws Exception {
    Path stepSummary = dir.resolve("step_summary.md");
    Files.writeString(stepSummary, "# Earlier step\n");
    Map<String, String> env = Map.of("GITHUB_STEP_SUMMARY", stepSummary.toString());

    List<Path> written = ReportWriter.writeAll(SampleRecords.succeededRun(), dir.resolve("r"), env);

    String summary = SummaryMarkdownWriter.toMarkdown(SampleRecords.succeededRun());
    assertThat(stepSummary).hasContent("# Earlier step\n" + summary + "\n");
    assertThat(written).endsWith(stepSummary);
  }

  @Test
  void regenerateRewritesReportsFromRunJsonAlone() throws Exception {
    Path reportDir = dir.resolve("run");
    ReportWriter.writeAll(SampleRecords.failedRun(), reportDir, Map.of());
    String junit = Files.readString(reportDir.resolve("junit.xml"));
    Files.delete(reportDir.resolve("junit.xml"));
    Files.writeString(reportDir.resolve("summary.md"), "stale");

    List<Path> written = ReportWriter.regenerate(reportDir, Map.of());

    assertThat(written).doesNotContain(reportDir.resolve("run.json"));
    assertThat(reportDir.resolve("junit.xml")).hasContent(junit);
    assertThat(Files.readString(reportDir.resolve("summary.md"))).startsWith("## churn-model");
  }

  @Test
  void regenerateWithoutRunJsonIsAUsageError() {
    assertThatThrownBy(() -> ReportWriter.regenerate(dir, Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(dir.resolve("run.json").toString());
  }
}

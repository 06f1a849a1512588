package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryMarkdownWriterTest {
  private final String failed = SummaryMarkdownWriter.toMarkdown(SampleRecords.failedRun());

  @Test
  void titleSaysPipelineStatusAndDuration() {
    String md = SummaryMarkdownWriter.toMarkdown(SampleRecords.succeededRun());

    assertThat(md).startsWith("## churn-model: SUCCEEDED in 12.3 s\n\n");
    assertThat(md).contains("1 succeeded, 1 cached");
  }

  @Test
  void tableHasOneRowPerStepWithAttemptsAgentAndGpus() {
    assertThat(failed)
        .contains("| Step | Status | Duration | Attempts | Agent | GPUs |")
        .contains("| train\\[lr=0.01\\] | SUCCEEDED | 1 min 00 s | 2 | ws1 | 0, 1 |")
        .contains("| speed | TIMED_OUT | 30.0 s | 1 | ws2 | 3 |")
        .contains("| release | SKIPPED | 0 ms | 0 |  |  |");
  }

  @Test
  void failedStepsShowMessageGatesAndLogTailInACodeBlock() {
    assertThat(failed)
        .contains("### quality: FAILED")
        .contains("gate accuracy \\>= 0.90 failed: accuracy 0.87 \\< 0.90")
        .contains("- accuracy \\>= 0.90: accuracy 0.87 \\< 0.90")
        .contains("```text\nevaluating 10000 rows\nERROR accuracy below | target\n")
        .contains("### speed: TIMED_OUT")
        .doesNotContain("### release");
  }

  @Test
  void logThatPrintsAFenceGetsALongerFence() {
    // The speed step's log contains ``` on its own line; it must not close the block.
    assertThat(failed)
        .contains("````text\nwarmup 1/3\n```\n<script>alert('x')</script> & more\n````\n");
  }

  @Test
  void escapesPipesAndMarkupInCells() {
    StepRecord step =
        SampleRecords.step(
            "a|b <i>*x*</i>",
            "a",
            "run",
            StepState.SUCCEEDED,
            "host|1",
            List.of(),
            0,
            5,
            1,
            "",
            List.of());
    RunRecord record =
        new RunRecord(
            1,
            "r",
            "p_q",
            RunStatus.SUCCEEDED,
            SampleRecords.T0,
            SampleRecords.at(5),
            null,
            null,
            Map.of(),
            List.of(),
            List.of(step),
            BatonBuild.current(),
            null,
            null);

    String md = SummaryMarkdownWriter.toMarkdown(record);

    assertThat(md)
        .startsWith("## p\\_q: SUCCEEDED in 5 ms")
        .contains("| a\\|b \\<i\\>\\*x\\*\\</i\\> | SUCCEEDED | 5 ms | 1 | host\\|1 |  |");
    // Every table row still has exactly 7 unescaped pipes (6 columns).
    md.lines()
        .filter(line -> line.startsWith("| a"))
        .forEach(
            line -> assertThat(line.replace("\\|", "").chars().filter(c -> c == '|')).hasSize(7));
  }
}

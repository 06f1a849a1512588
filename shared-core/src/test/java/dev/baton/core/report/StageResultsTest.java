package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.BenchmarkResult;
import dev.baton.core.record.GateResult;
import dev.baton.core.record.RolloutEvent;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageResultsTest {
  @Test
  void stageResultsSurviveTheTripThroughRunJson() {
    RunRecord record = SampleRecords.fullRun();

    RunRecord read = RunRecordJson.fromJson(RunRecordJson.toJson(record), "test");

    assertThat(read).isEqualTo(record);
    StepRecord latency = read.steps().get(6);
    StepRecord canary = read.steps().get(7);
    assertThat(BenchmarkResult.of(latency))
        .hasValueSatisfying(
            b -> {
              assertThat(b.samples()).hasSize(10).contains(55.0);
              assertThat(b.baselineSamples()).hasSize(8);
              assertThat(b.verdict()).isEqualTo("REGRESSION");
            });
    assertThat(RolloutEvent.of(canary))
        .extracting(RolloutEvent::weight)
        .containsExactly(10.0, 50.0, 50.0, 0.0);
    assertThat(GateResult.of(read.steps().get(3)))
        .extracting(GateResult::verdict)
        .containsExactly("FAILED", "passed");
  }

  @Test
  void malformedEntriesAreSkippedNotFatal() {
    Map<String, Object> gateWithoutPassed = new HashMap<>();
    gateWithoutPassed.put("name", "auc");
    List<Object> gates = new ArrayList<>(Arrays.asList("not a gate", gateWithoutPassed));
    List<Object> rollout =
        List.of(
            Map.of("time", "yesterday", "weight", 10),
            Map.of("time", "2026-11-24T10:15:00.120Z", "weight", "ten"),
            Map.of("time", "2026-11-24T10:15:00.120Z", "weight", 20));
    Map<String, Object> benchmark = Map.of("samplesMs", List.of(1, "x", 2.5));
    StepRecord step =
        SampleRecords.withResults(
            SampleRecords.step(
                "s", "s", "validate", StepState.SUCCEEDED, "a", List.of(), 0, 1, 1, "", List.of()),
            Map.of("gates", gates, "rollout", rollout, "benchmark", benchmark));

    assertThat(GateResult.of(step))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.name()).isEqualTo("auc");
              assertThat(g.verdict()).isEqualTo("not evaluated");
            });
    assertThat(RolloutEvent.of(step))
        .singleElement()
        .satisfies(e -> assertThat(e.weight()).isEqualTo(20));
    assertThat(BenchmarkResult.of(step))
        .hasValueSatisfying(
            b -> {
              assertThat(b.samples()).containsExactly(1.0, 2.5);
              assertThat(b.unit()).isEqualTo("ms");
            });
    assertThat(HtmlReportWriter.toHtml(new RunRecordBuilderForTest(step).record()))
        .contains("not evaluated");
  }

  @Test
  void escapingHelpersKeepTextLiteral() {
    assertThat(Html.relativeUrl("logs/train[lr=0.01].log"))
        .isEqualTo("logs/train%5Blr%3D0.01%5D.log");
    assertThat(Html.relativeUrl("logs/javascript:alert(1)"))
        .isEqualTo("logs/javascript%3Aalert%281%29");
    assertThat(Html.relativeUrl("/etc/passwd")).isNull();
    assertThat(Html.relativeUrl("C:\\\\logs\\\\x.log")).isNull();
    assertThat(Html.cssToken("Rolled back!")).isEqualTo("rolled-back");
    assertThat(TextSanitizer.clean("a\u001B[31mred\u001B[0m\u0001b\uD800c\uD83D\uDE00"))
        .isEqualTo("aredbc\uD83D\uDE00");
  }

  /** Wraps one step in a minimal record. */
  private record RunRecordBuilderForTest(StepRecord step) {
    RunRecord record() {
      return new RunRecord(
          1,
          "r",
          "p",
          RunStatus.SUCCEEDED,
          SampleRecords.T0,
          SampleRecords.at(1),
          null,
          null,
          Map.of(),
          List.of(),
          List.of(step),
          BatonBuild.current(),
          null,
          null);
    }
  }
}

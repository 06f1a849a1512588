package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.AgentRecord;
import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.GpuRecord;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineLanesTest {
  @Test
  void overlappingAttemptsOnOneLaneGetTheirOwnRows() {
    // Three CPU steps on one agent with two executors: a and b overlap, c starts as a ends.
    RunRecord record =
        run(
            List.of(new AgentRecord("local", List.of(), 2, List.of())),
            step("a", "local", List.of(), 0, 1_000),
            step("b", "local", List.of(), 500, 2_000),
            step("c", "local", List.of(), 1_000, 1_500));

    TimelineLanes layout = TimelineLanes.of(record);

    assertThat(layout.lanes)
        .singleElement()
        .satisfies(
            lane -> {
              assertThat(lane.label()).isEqualTo("local");
              assertThat(lane.rows()).hasSize(2);
              assertThat(lane.rows().get(0))
                  .extracting(TimelineLanes.Bar::stepId)
                  .containsExactly("a", "c");
              assertThat(lane.rows().get(1))
                  .extracting(TimelineLanes.Bar::stepId)
                  .containsExactly("b");
            });
    assertThat(layout.span).isEqualTo(2_000);
  }

  @Test
  void gpuAttemptsDrawOnEveryGpuTheyHeldAndUndeclaredAgentsGetLanes() {
    RunRecord record =
        run(
            List.of(
                new AgentRecord(
                    "ws1", List.of(), 1, List.of(new GpuRecord(0, "A100", 0, null, true)))),
            step("train", "ws1", List.of(0, 1), 0, 1_000),
            step("remote", "node7", List.of(), 0, 1_000));

    TimelineLanes layout = TimelineLanes.of(record);

    assertThat(layout.lanes)
        .extracting(TimelineLanes.Lane::label)
        .containsExactly("ws1", "ws1:gpu0", "ws1:gpu1", "node7");
    assertThat(layout.lanes.get(0).rows().get(0)).isEmpty();
    assertThat(layout.lanes.get(1).rows().get(0))
        .extracting(TimelineLanes.Bar::stepId)
        .containsExactly("train");
    assertThat(layout.lanes.get(2).rows().get(0))
        .extracting(TimelineLanes.Bar::stepId)
        .containsExactly("train");
  }

  @Test
  void runWhereNothingStartedHasNoTimeline() {
    RunRecord record =
        run(
            List.of(),
            SampleRecords.step(
                "x", "x", "run", StepState.SKIPPED, null, List.of(), 0, 0, 0, "", List.of()));

    assertThat(TimelineLanes.of(record).hasBars()).isFalse();
    assertThat(TimelineSvg.render(record)).isEmpty();
  }

  private static RunRecord run(List<AgentRecord> agents, StepRecord... steps) {
    return new RunRecord(
        1,
        "r",
        "p",
        RunStatus.SUCCEEDED,
        SampleRecords.T0,
        null,
        null,
        null,
        Map.of(),
        agents,
        List.of(steps),
        BatonBuild.current(),
        null,
        null);
  }

  private static StepRecord step(
      String id, String agent, List<Integer> gpus, long start, long end) {
    return SampleRecords.step(
        id, id, "run", StepState.SUCCEEDED, agent, gpus, start, end - start, 1, "", List.of());
  }
}

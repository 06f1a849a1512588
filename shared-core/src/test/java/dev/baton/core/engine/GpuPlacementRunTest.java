package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real runs on simulated GPU agents: placements read back from the run record. */
class GpuPlacementRunTest {
  @TempDir Path dir;

  @Test
  void overlappingAttemptsNeverShareAGpuAndEachSeesItsOwn() throws Exception {
    StringBuilder yaml =
        new StringBuilder(
            """
        version: 1
        name: packing
        agents:
          - {name: a, labels: [gpu], gpus: 4, executors: 4, simulated: true}
          - {name: b, labels: [gpu], gpus: 4, executors: 4, simulated: true}
        steps:
        """);
    for (int i = 0; i < 18; i++) {
      yaml.append("  s")
          .append(i)
          .append(": {agent: {label: gpu, gpus: ")
          .append(new int[] {1, 2, 4}[i % 3])
          .append("}, run: 'echo \"$BATON_AGENT:$CUDA_VISIBLE_DEVICES\" > seen-s")
          .append(i)
          .append(".txt; sleep 0.1'}\n");
    }
    PipelineFixture f = new PipelineFixture(dir, yaml.toString());
    RunOutcome out = f.run();
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    List<AttemptRecord> attempts = new ArrayList<>();
    for (StepRecord s : out.record().steps()) {
      AttemptRecord a = s.attempts().get(0);
      attempts.add(a);
      String expected =
          a.agent() + ":" + String.join(",", a.gpus().stream().map(String::valueOf).toList());
      assertThat(Files.readString(dir.resolve("seen-" + s.id() + ".txt")).strip())
          .isEqualTo(expected);
    }
    for (int i = 0; i < attempts.size(); i++) {
      for (int j = i + 1; j < attempts.size(); j++) {
        AttemptRecord x = attempts.get(i);
        AttemptRecord y = attempts.get(j);
        boolean overlap =
            x.startedAt().isBefore(y.endedAt()) && y.startedAt().isBefore(x.endedAt());
        if (overlap && x.agent().equals(y.agent())) {
          assertThat(x.gpus()).doesNotContainAnyElementsOf(y.gpus());
        }
      }
    }
    assertThat(out.record().agents()).hasSize(2);
    assertThat(out.record().agents().get(0).gpus())
        .hasSize(4)
        .allSatisfy(g -> assertThat(g.simulated()).isTrue());
  }

  @Test
  void retryMovesToAnotherAgentWhenAsked() throws Exception {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: other-agent
        agents:
          - {name: a, labels: [gpu], gpus: 1, simulated: true}
          - {name: b, labels: [gpu], gpus: 1, simulated: true}
        steps:
          flaky:
            agent: {label: gpu, gpus: 1}
            run: '[ "$BATON_ATTEMPT" -ge 2 ] || exit 1'
            retry: {limit: 1, backoff: {duration: 10ms}, otherAgent: true}
        """);
    StepRecord s = PipelineFixture.step(f.run(), "flaky");
    assertThat(s.attempts()).hasSize(2);
    assertThat(s.attempts().get(0).agent()).isNotEqualTo(s.attempts().get(1).agent());
  }

  @Test
  void retryTakesAnotherGpuOfTheSameAgentWhenAsked() throws Exception {
    StepRecord s = PipelineFixture.step(flakyOnTwoGpus(", otherGpu: true").run(), "flaky");

    assertThat(s.attempts()).hasSize(2);
    assertThat(s.attempts().get(1).agent()).isEqualTo(s.attempts().get(0).agent());
    assertThat(s.attempts().get(0).gpus()).containsExactly(0);
    assertThat(s.attempts().get(1).gpus()).containsExactly(1);
  }

  @Test
  void withoutOtherGpuTheRetryGetsTheSameGpuAgain() throws Exception {
    StepRecord s = PipelineFixture.step(flakyOnTwoGpus("").run(), "flaky");

    assertThat(s.attempts())
        .extracting(AttemptRecord::gpus)
        .containsExactly(List.of(0), List.of(0));
  }

  private PipelineFixture flakyOnTwoGpus(String retryExtra) throws Exception {
    return new PipelineFixture(
        dir,
        """
        version: 1
        name: other-gpu
        agents:
          - {name: a, labels: [gpu], gpus: 2, simulated: true}
        steps:
          flaky:
            agent: {label: gpu, gpus: 1}
            run: '[ "$BATON_ATTEMPT" -ge 2 ] || exit 1'
            retry: {limit: 1, backoff: {duration: 10ms}%s}
        """
            .formatted(retryExtra));
  }

  @Test
  void concurrencyGroupLimitsStepsAcrossThePipeline() throws Exception {
    StringBuilder yaml = new StringBuilder("version: 1\nname: licence\nsteps:\n");
    for (int i = 0; i < 6; i++) {
      yaml.append("  s")
          .append(i)
          .append(": {concurrency: {group: licence, limit: 2}, run: 'sleep 0.2'}\n");
    }
    PipelineFixture f = new PipelineFixture(dir, yaml.toString());
    RunOutcome out = f.run(f.config().toBuilder().parallel(6).build());
    List<AttemptRecord> a = out.record().steps().stream().map(s -> s.attempts().get(0)).toList();
    for (AttemptRecord x : a) {
      long concurrent =
          a.stream()
              .filter(
                  y ->
                      y.startedAt().compareTo(x.startedAt()) <= 0
                          && y.endedAt().isAfter(x.startedAt()))
              .count();
      assertThat(concurrent).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void fourGpuStepIsNotStarvedByAStreamOfHigherPriorityOneGpuSteps() throws Exception {
    StringBuilder yaml =
        new StringBuilder(
            """
        version: 1
        name: starvation
        agents:
          - {name: box, labels: [gpu], gpus: 4, executors: 8, simulated: true}
        steps:
          big: {agent: {label: gpu, gpus: 4}, run: 'true'}
        """);
    for (int chain = 0; chain < 4; chain++) {
      for (int i = 0; i < 8; i++) {
        yaml.append("  c")
            .append(chain)
            .append('_')
            .append(i)
            .append(": {priority: 10, agent: {label: gpu, gpus: 1}, run: sleep 0.05");
        yaml.append(i > 0 ? ", needs: [c" + chain + "_" + (i - 1) + "]}\n" : "}\n");
      }
    }
    RunOutcome out = new PipelineFixture(dir, yaml.toString()).run();
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    Instant bigStart = PipelineFixture.step(out, "big").startedAt();
    long smallStartedAfterBig =
        out.record().steps().stream().filter(s -> s.startedAt().isAfter(bigStart)).count();
    // Without anti-starvation the big step would start only after all 32 small steps.
    assertThat(smallStartedAfterBig).isGreaterThanOrEqualTo(8);
  }
}

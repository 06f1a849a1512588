package dev.baton.core.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retry: {otherGpu: true}} on the local agent whose GPUs the fake nvidia-smi reports: the
 * step fails on its first GPU and its retry runs on another free GPU of the same agent.
 */
class OtherGpuRetryTest {
  @TempDir Path dir;

  @Test
  void aStepFailingOnItsGpuRetriesOnAnotherFreeGpuOfTheSameAgent() throws Exception {
    Path bin = FakeNvidiaSmi.install(dir, "four-gpus");
    Path yaml = dir.resolve("baton.yaml");
    Files.writeString(
        yaml,
        """
        version: 1
        name: other-gpu
        steps:
          flaky:
            agent: {gpus: 1}
            run: 'echo "$CUDA_VISIBLE_DEVICES" >> seen.txt; [ "$BATON_ATTEMPT" -ge 2 ] || exit 1'
            retry: {limit: 1, backoff: {duration: 10ms}, otherGpu: true}
        """);

    RunOutcome out =
        new Baton(e -> {}, FakeNvidiaSmi.pathWith(bin))
            .run(BatonConfig.builder(yaml).reportDir(dir.resolve("report")).build());

    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    RunRecord read = RunRecordJson.read(out.reportDir().resolve("run.json"));
    StepRecord flaky = read.steps().get(0);
    List<List<Integer>> gpus = flaky.attempts().stream().map(AttemptRecord::gpus).toList();
    assertThat(gpus).hasSize(2);
    assertThat(gpus.get(0)).hasSize(1);
    assertThat(gpus.get(1)).hasSize(1).doesNotContainAnyElementsOf(gpus.get(0));
    assertThat(flaky.attempts().get(1).agent()).isEqualTo(flaky.attempts().get(0).agent());
    // Each attempt saw the GPU it was given.
    assertThat(Files.readAllLines(dir.resolve("seen.txt")))
        .containsExactly(gpus.get(0).get(0) + "", gpus.get(1).get(0) + "");
  }
}

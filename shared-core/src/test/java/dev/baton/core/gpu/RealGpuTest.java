package dev.baton.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.baton.core.agents.Gpu;
import dev.baton.core.agents.GpuDetection;
import dev.baton.core.agents.GpuDetector;
import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.report.StepRecord;
import dev.baton.core.state.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection and assignment with the real {@code nvidia-smi} on a machine with NVIDIA GPUs. Tagged
 * {@code gpu}: excluded by default; run with {@code ./mvnw -B -pl shared-core test -Dgroups=gpu
 * -Dbaton.excludedGroups=benchmark -Dtest=RealGpuTest}.
 */
@Tag("gpu")
class RealGpuTest {
  @TempDir Path dir;

  @Test
  void detectsRealGpusAndEachStepSeesOnlyItsOwn() throws Exception {
    GpuDetection detection = new GpuDetector(System.getenv()).detect();
    assumeThat(detection.gpus()).as("no NVIDIA GPU here: " + detection.problem()).isNotEmpty();
    for (Gpu g : detection.gpus()) {
      assertThat(g.model()).isNotBlank();
      assertThat(g.memoryMiB()).isPositive();
      assertThat(g.uuid()).startsWith("GPU-");
      assertThat(g.simulated()).isFalse();
    }
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: real-gpu
        steps:
          one:
            agent: {label: gpu, gpus: 1}
            run: 'echo "$CUDA_VISIBLE_DEVICES" > visible.txt; nvidia-smi --query-gpu=uuid --format=csv,noheader > seen.txt'
        """);
    RunOutcome out =
        new Baton(e -> {})
            .run(BatonConfig.of(dir.resolve("baton.yaml")).withReportDir(dir.resolve("out")));
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    StepRecord step = out.record().steps().get(0);
    assertThat(step.gpus()).hasSize(1);
    int index = step.gpus().get(0);
    assertThat(Files.readString(dir.resolve("visible.txt")).strip())
        .isEqualTo(Integer.toString(index));
    String expectedUuid =
        detection.gpus().stream()
            .filter(g -> g.index() == index)
            .map(Gpu::uuid)
            .collect(Collectors.joining());
    // nvidia-smi ignores CUDA_VISIBLE_DEVICES, so it lists every GPU; the assigned one must be
    // among them.
    assertThat(Files.readString(dir.resolve("seen.txt"))).contains(expectedUuid);
    assertThat(out.record().agents().get(0).gpus()).hasSize(detection.gpus().size());
  }
}

package dev.baton.core.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuDetectorTest {
  @TempDir Path dir;

  @Test
  void readsFourGpusOfTwoModelsFromNvidiaSmiOnPath() {
    Path bin = FakeNvidiaSmi.install(dir, "four-gpus");

    GpuDetection detection = new GpuDetector(FakeNvidiaSmi.pathWith(bin)).detect();

    assertThat(detection.problem()).isEmpty();
    assertThat(detection.gpus()).extracting(Gpu::index).containsExactly(0, 1, 2, 3);
    assertThat(detection.gpus())
        .extracting(Gpu::model)
        .containsExactly(
            "NVIDIA A100-SXM4-80GB",
            "NVIDIA A100-SXM4-80GB",
            "NVIDIA H100 80GB HBM3",
            "NVIDIA H100 80GB HBM3");
    assertThat(detection.gpus())
        .extracting(Gpu::memoryMiB)
        .containsExactly(81920L, 81920L, 81559L, 81559L);
    assertThat(detection.gpus())
        .extracting(Gpu::modelLabel)
        .containsExactly("a100", "a100", "h100", "h100");
    assertThat(detection.gpus().get(2).uuid())
        .isEqualTo("GPU-bbbbbbbb-0000-0000-0000-000000000002");
    assertThat(detection.gpus()).noneMatch(Gpu::simulated);
  }

  @Test
  void runsNvidiaSmiAtAnExplicitPath() {
    Path smi = FakeNvidiaSmi.install(dir, "four-gpus").resolve("nvidia-smi");

    GpuDetection detection = new GpuDetector(smi, Map.of()).detect();

    assertThat(detection.problem()).isEmpty();
    assertThat(detection.gpus()).hasSize(4);
  }

  @Test
  void missingNvidiaSmiMeansNoGpusAndSaysHowToFixIt() {
    GpuDetection detection = new GpuDetector(Map.of("PATH", dir.toString())).detect();

    assertThat(detection.gpus()).isEmpty();
    assertThat(detection.problem())
        .isEqualTo(
            "nvidia-smi not found on PATH, so no GPUs are used; "
                + "install the NVIDIA driver or put nvidia-smi on PATH");
  }

  @Test
  void environmentWithoutPathFindsNoNvidiaSmi() {
    GpuDetection detection = new GpuDetector(Map.of()).detect();

    assertThat(detection.gpus()).isEmpty();
    assertThat(detection.hasProblem()).isTrue();
  }

  @Test
  void failingNvidiaSmiMeansNoGpusAndQuotesItsFirstErrorLine() {
    Path bin = FakeNvidiaSmi.install(dir, "failing");

    GpuDetection detection = new GpuDetector(FakeNvidiaSmi.pathWith(bin)).detect();

    assertThat(detection.gpus()).isEmpty();
    assertThat(detection.problem())
        .isEqualTo(
            "nvidia-smi failed (exit 9: NVIDIA-SMI has failed because it couldn't communicate"
                + " with the NVIDIA driver.), so no GPUs are used; run nvidia-smi to see why");
  }

  @Test
  void hangingNvidiaSmiIsStoppedAndReported() {
    Path smi = FakeNvidiaSmi.install(dir, "hanging").resolve("nvidia-smi");
    long start = System.nanoTime();

    GpuDetection detection =
        new GpuDetector(Optional.of(smi), Map.of("PATH", "/usr/bin:/bin"), Duration.ofMillis(300))
            .detect();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(detection.gpus()).isEmpty();
    assertThat(detection.problem())
        .isEqualTo(
            "nvidia-smi did not answer within 0.3 s, so no GPUs are used; run nvidia-smi to see"
                + " why");
  }

  @Test
  void unreadableLinesAreSkippedWithAProblemWhileGoodOnesAreKept() {
    Path bin = FakeNvidiaSmi.install(dir, "malformed");

    GpuDetection detection = new GpuDetector(FakeNvidiaSmi.pathWith(bin)).detect();

    assertThat(detection.gpus()).extracting(Gpu::modelLabel).containsExactly("t4");
    assertThat(detection.problem())
        .startsWith("nvidia-smi printed a line Baton cannot read ('this is not a GPU line')")
        .contains("so those GPUs are not used");
  }

  @Test
  void parserKeepsGpusWhoseMemoryIsNotAvailable() {
    GpuDetection detection =
        NvidiaSmiOutput.parse("1, NVIDIA GH200 480GB, [N/A], GPU-1\n0, Tesla T4, 15360, GPU-0\n");

    assertThat(detection.problem()).isEmpty();
    assertThat(detection.gpus()).extracting(Gpu::index).containsExactly(0, 1);
    assertThat(detection.gpus().get(1).memoryMiB()).isZero();
    assertThat(detection.gpus().get(1).modelLabel()).isEqualTo("gh200");
  }

  @Test
  void parserCountsEveryUnreadableLine() {
    GpuDetection detection = NvidiaSmiOutput.parse("x, A100, lots, GPU-0\nshort line\n");

    assertThat(detection.gpus()).isEmpty();
    assertThat(detection.problem()).startsWith("nvidia-smi printed 2 lines Baton cannot read");
  }
}

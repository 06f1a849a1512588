package dev.baton.core.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuProcessQueryTest {
  static final List<Gpu> FOUR_GPUS =
      List.of(
          gpu(0, "GPU-aaaaaaaa-0000-0000-0000-000000000000"),
          gpu(1, "GPU-aaaaaaaa-0000-0000-0000-000000000001"),
          gpu(2, "GPU-bbbbbbbb-0000-0000-0000-000000000002"),
          gpu(3, "GPU-bbbbbbbb-0000-0000-0000-000000000003"));

  @TempDir Path dir;

  static Gpu gpu(int index, String uuid) {
    return new Gpu(index, "NVIDIA A100-SXM4-80GB", 81920, uuid, false);
  }

  private Map<String, String> envWithApps(Path bin, String apps) throws Exception {
    Path file = dir.resolve("apps.csv");
    Files.writeString(file, apps);
    return Map.of("PATH", bin + ":/usr/bin:/bin", "FAKE_NVIDIA_SMI_APPS", file.toString());
  }

  @Test
  void readsEachProcessWithTheIndexOfItsGpu() throws Exception {
    Path bin = FakeNvidiaSmi.install(dir, "four-gpus");
    Map<String, String> env =
        envWithApps(
            bin,
            "GPU-aaaaaaaa-0000-0000-0000-000000000000, 777, 30720, /usr/bin/python3\n"
                + "GPU-bbbbbbbb-0000-0000-0000-000000000003, 4242, 512, /opt/train/bin/train\n");

    GpuProcesses answer = new GpuProcessQuery(FOUR_GPUS, env).query();

    assertThat(answer.known()).isTrue();
    assertThat(answer.problem()).isEmpty();
    assertThat(answer.processes())
        .containsExactly(
            new GpuProcess(
                0,
                "GPU-aaaaaaaa-0000-0000-0000-000000000000",
                777,
                OptionalLong.of(30720),
                "/usr/bin/python3"),
            new GpuProcess(
                3,
                "GPU-bbbbbbbb-0000-0000-0000-000000000003",
                4242,
                OptionalLong.of(512),
                "/opt/train/bin/train"));
    assertThat(answer.processes().get(0).shortName()).isEqualTo("python3");
  }

  @Test
  void noOutputMeansNoProcesses() {
    Path bin = FakeNvidiaSmi.install(dir, "four-gpus");

    GpuProcesses answer = new GpuProcessQuery(FOUR_GPUS, FakeNvidiaSmi.pathWith(bin)).query();

    assertThat(answer).isEqualTo(GpuProcesses.of(List.of()));
  }

  @Test
  void theMalformedFakeAlsoAnswersTheProcessQuery() {
    Path bin = FakeNvidiaSmi.install(dir, "malformed");

    GpuProcesses answer = new GpuProcessQuery(FOUR_GPUS, FakeNvidiaSmi.pathWith(bin)).query();

    assertThat(answer.known()).isTrue();
    assertThat(answer.processes()).isEmpty();
  }

  @Test
  void failingNvidiaSmiMeansUnknownAndQuotesItsError() {
    Path bin = FakeNvidiaSmi.install(dir, "failing");

    GpuProcesses answer = new GpuProcessQuery(FOUR_GPUS, FakeNvidiaSmi.pathWith(bin)).query();

    assertThat(answer.known()).isFalse();
    assertThat(answer.problem())
        .isEqualTo(
            "nvidia-smi failed (exit 9: NVIDIA-SMI has failed because it couldn't communicate"
                + " with the NVIDIA driver.) when asked which processes use the GPUs, so no GPU is"
                + " handed out until it answers; run nvidia-smi to see why, or set gpuBusy:"
                + " {ignoreForeign: true} to hand GPUs out anyway");
  }

  @Test
  void hangingNvidiaSmiIsKilledAtTheTimeLimitAndTheAnswerIsUnknown() {
    Path smi = FakeNvidiaSmi.install(dir, "hanging").resolve("nvidia-smi");
    long start = System.nanoTime();

    GpuProcesses answer =
        new GpuProcessQuery(
                Optional.of(smi),
                FOUR_GPUS,
                Map.of("PATH", "/usr/bin:/bin"),
                Duration.ofMillis(300))
            .query();

    // The fake sleeps 30 s: returning well before proves it was killed, not waited for.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(answer.known()).isFalse();
    assertThat(answer.problem())
        .startsWith(
            "nvidia-smi did not answer within 0.3 s when asked which processes use the GPUs, so no"
                + " GPU is handed out until it answers;");
  }

  @Test
  void missingNvidiaSmiMeansUnknownAndSaysHowToFixIt() {
    GpuProcesses answer = new GpuProcessQuery(FOUR_GPUS, Map.of("PATH", dir.toString())).query();

    assertThat(answer.known()).isFalse();
    assertThat(answer.problem())
        .startsWith("nvidia-smi not found on PATH, so Baton cannot tell which GPUs")
        .endsWith(
            "put nvidia-smi on PATH, or set gpuBusy: {ignoreForeign: true} to hand GPUs out"
                + " anyway");
  }

  @Test
  void fakeStillRejectsArgumentsItDoesNotKnow() {
    Path smi = FakeNvidiaSmi.install(dir, "four-gpus").resolve("nvidia-smi");

    NvidiaSmiCall.Result call =
        NvidiaSmiCall.run(
            smi, new String[] {"--query-compute-apps=pid"}, Map.of(), Duration.ofSeconds(10));

    assertThat(call.exit()).isEqualTo(2);
    assertThat(call.reason()).startsWith("fake nvidia-smi: unexpected arguments");
  }

  @Test
  void parserReadsNotAvailableMemoryAndHiddenNamesAsUnknown() {
    GpuProcesses answer =
        ComputeAppsOutput.parse(
            "GPU-1, 10, [N/A], [Insufficient Permissions]\nGPU-0, 11, [Not Supported], python\n",
            List.of(gpu(0, "GPU-0"), gpu(1, "GPU-1")));

    assertThat(answer.known()).isTrue();
    assertThat(answer.processes())
        .containsExactly(
            new GpuProcess(1, "GPU-1", 10, OptionalLong.empty(), ""),
            new GpuProcess(0, "GPU-0", 11, OptionalLong.empty(), "python"));
  }

  @Test
  void parserKeepsACommaInTheProcessName() {
    GpuProcesses answer =
        ComputeAppsOutput.parse("GPU-0, 12, 100, /data/a,b/run\n", List.of(gpu(0, "GPU-0")));

    assertThat(answer.processes())
        .extracting(GpuProcess::processName)
        .containsExactly("/data/a,b/run");
  }

  @Test
  void parserGivesAProcessOnAnUndetectedGpuIndexMinusOne() {
    GpuProcesses answer =
        ComputeAppsOutput.parse("GPU-elsewhere, 13, 100, x\n", List.of(gpu(0, "GPU-0")));

    assertThat(answer.processes()).extracting(GpuProcess::gpuIndex).containsExactly(-1);
  }

  @Test
  void parserReadsTheWordyNoProcessesLineAsNone() {
    GpuProcesses answer =
        ComputeAppsOutput.parse("No running processes found\n\n", List.of(gpu(0, "GPU-0")));

    assertThat(answer).isEqualTo(GpuProcesses.of(List.of()));
  }

  @Test
  void anUnreadableLineMakesTheWholeAnswerUnknown() {
    GpuProcesses answer =
        ComputeAppsOutput.parse(
            "GPU-0, 11, 100, python\nGPU-0, eleven, 100, python\nshort, line\n",
            List.of(gpu(0, "GPU-0")));

    assertThat(answer.known()).isFalse();
    assertThat(answer.processes()).isEmpty();
    assertThat(answer.problem())
        .startsWith(
            "nvidia-smi printed 2 lines Baton cannot read ('GPU-0, eleven, 100, python') when"
                + " asked which processes use the GPUs, so no GPU is handed out;")
        .contains(
            "run nvidia-smi --query-compute-apps=gpu_uuid,pid,used_memory,process_name"
                + " --format=csv,noheader,nounits to see its output");
  }

  @Test
  void parserRejectsNegativeMemoryAndNonPositivePids() {
    assertThat(ComputeAppsOutput.parse("GPU-0, 0, 100, x", List.of()).known()).isFalse();
    assertThat(ComputeAppsOutput.parse("GPU-0, 5, -1, x", List.of()).known()).isFalse();
    assertThat(ComputeAppsOutput.parse("[N/A], 5, 1, x", List.of()).known()).isFalse();
  }
}

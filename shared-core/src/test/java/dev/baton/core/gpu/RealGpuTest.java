package dev.baton.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.agents.Gpu;
import dev.baton.core.agents.GpuDetection;
import dev.baton.core.agents.GpuDetector;
import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.testing.GpuTest;
import dev.baton.core.testing.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection and assignment with the real {@code nvidia-smi} and CUDA driver on a machine with
 * NVIDIA GPUs. Tagged {@code gpu}: excluded by default; run with {@code ./mvnw -B -pl shared-core
 * test -Dgroups=gpu -Dbaton.excludedGroups=benchmark -Dtest=RealGpuTest}.
 *
 * <p>What a step "sees" is asked of the CUDA driver ({@code libcuda}, through python3's ctypes),
 * which honours {@code CUDA_VISIBLE_DEVICES} as every CUDA program does; {@code nvidia-smi} does
 * not, it lists every GPU whatever the variable says, so it cannot tell whether a step is confined.
 */
@GpuTest
class RealGpuTest {
  /**
   * Prints the UUID of every device the CUDA driver lets this process use, one a line, in CUDA's
   * order; nothing when it hides them all.
   */
  private static final String SEE_GPUS =
      """
      import ctypes, sys
      cuda = ctypes.CDLL("libcuda.so.1")
      status = cuda.cuInit(0)
      if status == 100:  # CUDA_ERROR_NO_DEVICE: CUDA_VISIBLE_DEVICES hides every GPU
          sys.exit(0)
      if status != 0:
          sys.exit("cuInit failed with CUDA error %d" % status)
      count = ctypes.c_int()
      assert cuda.cuDeviceGetCount(ctypes.byref(count)) == 0
      for ordinal in range(count.value):
          device = ctypes.c_int()
          assert cuda.cuDeviceGet(ctypes.byref(device), ordinal) == 0
          uuid = (ctypes.c_ubyte * 16)()
          assert cuda.cuDeviceGetUuid(uuid, device) == 0
          h = bytes(uuid).hex()
          print("GPU-%s-%s-%s-%s-%s" % (h[0:8], h[8:12], h[12:16], h[16:20], h[20:32]))
      """;

  @TempDir Path dir;

  @Test
  void detectsRealGpusAndEachStepSeesOnlyItsOwn() throws Exception {
    GpuDetection detection = new GpuDetector(System.getenv()).detect();
    RequiredTool.require(!detection.gpus().isEmpty(), "no NVIDIA GPU here: " + detection.problem());
    RequiredTool.require(
        pythonWithCtypes(), "python3 (with ctypes) is missing; it asks CUDA what each step sees");
    for (Gpu g : detection.gpus()) {
      assertThat(g.model()).isNotBlank();
      assertThat(g.memoryMiB()).isPositive();
      assertThat(g.uuid()).startsWith("GPU-");
      assertThat(g.simulated()).isFalse();
    }
    int gpus = detection.gpus().size();
    Files.writeString(dir.resolve("see_gpus.py"), SEE_GPUS);
    // One step per GPU, each asking for one; each waits until all have started, so they hold
    // their GPUs at the same time and must have been given different ones. A step that asks for
    // no GPU must see none.
    StringBuilder yaml = new StringBuilder("version: 1\nname: real-gpu\nsteps:\n");
    for (int i = 0; i < gpus; i++) {
      yaml.append("  gpu")
          .append(i)
          .append(":\n    agent: {label: gpu, gpus: 1}\n    run: >-\n")
          .append("      echo \"$CUDA_VISIBLE_DEVICES\" > visible-$BATON_STEP_ID.txt;\n")
          .append("      python3 see_gpus.py > seen-$BATON_STEP_ID.txt || exit 1;\n")
          .append("      touch started-$BATON_STEP_ID;\n")
          .append("      i=0; while [ $(ls started-* | wc -l) -lt ")
          .append(gpus)
          .append(" ]; do i=$((i+1)); [ $i -lt 1200 ] || exit 3; sleep 0.1; done\n");
    }
    yaml.append(
        "  nogpu:\n    agent: {label: gpu}\n    run: python3 see_gpus.py > seen-$BATON_STEP_ID.txt\n");
    Files.writeString(dir.resolve("baton.yaml"), yaml);

    RunOutcome out =
        new Baton(e -> {})
            .run(
                BatonConfig.builder(dir.resolve("baton.yaml"))
                    .parallel(gpus + 1)
                    .reportDir(dir.resolve("out"))
                    .build());

    assertThat(out.record().status())
        .as(out.record().steps().toString())
        .isEqualTo(RunStatus.SUCCEEDED);
    Map<Integer, String> uuidByIndex =
        detection.gpus().stream().collect(Collectors.toMap(Gpu::index, Gpu::uuid));
    Map<String, StepRecord> steps =
        out.record().steps().stream()
            .collect(Collectors.toMap(StepRecord::id, Function.identity()));
    Set<Integer> assigned = new HashSet<>();
    for (int i = 0; i < gpus; i++) {
      StepRecord step = steps.get("gpu" + i);
      assertThat(step.gpus()).as(step.id()).hasSize(1);
      int index = step.gpus().get(0);
      assigned.add(index);
      assertThat(Files.readString(dir.resolve("visible-" + step.id() + ".txt")).strip())
          .as("CUDA_VISIBLE_DEVICES of " + step.id())
          .isEqualTo(Integer.toString(index));
      assertThat(Files.readAllLines(dir.resolve("seen-" + step.id() + ".txt")))
          .as("the devices CUDA lets " + step.id() + " use: exactly GPU " + index + ", no other")
          .containsExactly(uuidByIndex.get(index));
    }
    assertThat(assigned).as("steps running at once hold different GPUs").hasSize(gpus);
    assertThat(Files.readAllLines(dir.resolve("seen-nogpu.txt")))
        .as("a step that asked for no GPU sees none")
        .isEqualTo(List.of());
    assertThat(out.record().agents().get(0).gpus()).hasSize(gpus);
  }

  /** Whether the python3 on PATH, which the steps run, can load ctypes. */
  private static boolean pythonWithCtypes() throws InterruptedException {
    try {
      Process p =
          new ProcessBuilder("python3", "-c", "import ctypes")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}

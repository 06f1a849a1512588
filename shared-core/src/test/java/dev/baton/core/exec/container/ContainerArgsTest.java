package dev.baton.core.exec.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.ContainerSpec;
import dev.baton.core.descriptor.ContainerSpec.Pull;
import dev.baton.core.descriptor.ContainerSpec.RuntimeKind;
import dev.baton.core.errors.SourcePosition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The runtime command lines, GPU mapping included (which no GPU here can exercise for real). */
class ContainerArgsTest {
  private static final Path WS = Path.of("/home/u/project");

  private static ContainerSpec spec(RuntimeKind runtime, String user, List<String> volumes) {
    return new ContainerSpec(
        "localhost/train:v1",
        runtime,
        List.of("--shm-size=1g"),
        Map.of(),
        volumes,
        "",
        user,
        Pull.MISSING,
        new SourcePosition("baton.yaml", 1, 1));
  }

  private static ContainerArgs args(
      RuntimeKind runtime, List<Integer> gpus, boolean onNode, long uid, String user) {
    return new ContainerArgs(
        runtime,
        "/usr/bin/" + runtime.word(),
        spec(runtime, user, List.of("data:/data:ro")),
        "sha256:" + "a".repeat(64),
        onNode ? "missing" : "never",
        "baton-r1-train-1",
        WS,
        WS.resolve("sub"),
        List.of(Path.of("/reports/r1")),
        new TreeSet<>(List.of("BATON_RUN_ID", "TOKEN")),
        gpus,
        true,
        onNode,
        uid,
        100,
        Duration.ofSeconds(10));
  }

  @Test
  void podmanMountsTheWorkspaceAtItsPathAndPassesVariablesByNameOnly() {
    List<String> a =
        args(RuntimeKind.PODMAN, List.of(), false, 0, "").runArgs(new Command.Shell("echo hi"));
    assertThat(a)
        .containsSequence("/usr/bin/podman", "run", "--rm", "--name=baton-r1-train-1")
        .containsSequence("--pull=never")
        .containsSequence("-v", "/home/u/project:/home/u/project")
        .containsSequence("-v", "/reports/r1:/reports/r1")
        .containsSequence("-v", "/home/u/project/data:/data:ro")
        .containsSequence("-w", "/home/u/project/sub")
        .containsSequence("-e", "BATON_RUN_ID", "-e", "TOKEN")
        .containsSequence("--shm-size=1g", "sha256:" + "a".repeat(64), "sh", "-c", "echo hi")
        .doesNotContain("--user", "--userns=keep-id");
    // Values never reach the command line: every -e is a bare name (or the GPU renumbering).
    for (int i = 0; i < a.size() - 1; i++) {
      if (a.get(i).equals("-e")) {
        assertThat(a.get(i + 1)).matches("[A-Z_]+|CUDA_VISIBLE_DEVICES=[0-9,]*");
      }
    }
  }

  @Test
  void filesAreTheCallersRootlessPodmanKeepsTheIdDockerGetsUidAndGid() {
    assertThat(
            args(RuntimeKind.PODMAN, List.of(), false, 1000, "")
                .runArgs(new Command.Argv(List.of("id"))))
        .contains("--userns=keep-id")
        .endsWith("id");
    assertThat(
            args(RuntimeKind.DOCKER, List.of(), false, 1000, "")
                .runArgs(new Command.Argv(List.of("id"))))
        .containsSequence("--user", "1000:100");
    assertThat(
            args(RuntimeKind.PODMAN, List.of(), false, 1000, "0:0")
                .runArgs(new Command.Argv(List.of("id"))))
        .containsSequence("--user", "0:0")
        .doesNotContain("--userns=keep-id");
  }

  @Test
  void podmanGetsExactlyTheStepsGpusAsCdiDevicesNumberedFromZeroInside() {
    List<String> a =
        args(RuntimeKind.PODMAN, List.of(1, 3), false, 0, "").runArgs(new Command.Shell("x"));
    assertThat(a)
        .containsSequence("--device", "nvidia.com/gpu=1", "--device", "nvidia.com/gpu=3")
        .containsSequence("-e", "CUDA_VISIBLE_DEVICES=0,1")
        .doesNotContain("nvidia.com/gpu=0", "nvidia.com/gpu=2");
  }

  @Test
  void dockerGetsExactlyTheStepsGpusThroughGpusDevice() {
    List<String> a =
        args(RuntimeKind.DOCKER, List.of(2), false, 0, "").runArgs(new Command.Shell("x"));
    assertThat(a).contains("--gpus=\"device=2\"").containsSequence("-e", "CUDA_VISIBLE_DEVICES=0");
  }

  @Test
  void aStepGivenNoGpuSeesNone() {
    List<String> a =
        args(RuntimeKind.PODMAN, List.of(), false, 0, "").runArgs(new Command.Shell("x"));
    assertThat(a).containsSequence("-e", "CUDA_VISIBLE_DEVICES=").doesNotContain("--device");
  }

  @Test
  void apptainerBindsTheWorkspaceAndUsesNvWithTheHostIndices() {
    List<String> a =
        args(RuntimeKind.APPTAINER, List.of(1), false, 0, "").apptainer(new Command.Shell("x"));
    assertThat(a)
        .containsSequence(
            "/usr/bin/apptainer", "exec", "--cleanenv", "--pwd", "/home/u/project/sub")
        .containsSequence(
            "--bind",
            "/home/u/project:/home/u/project,/reports/r1:/reports/r1,/home/u/project/data:/data:ro")
        .contains("--nv")
        .endsWith("sha256:" + "a".repeat(64), "sh", "-c", "x");
    assertThat(ContainerArgs.apptainerVariable("TOKEN")).isEqualTo("APPTAINERENV_TOKEN");
  }

  @Test
  void theShellStopsTheContainerByNameOnTermAndExitsWithItsCode() {
    Command c = args(RuntimeKind.PODMAN, List.of(), false, 0, "").wrap(new Command.Shell("exit 7"));
    String script = ((Command.Shell) c).script();
    assertThat(script)
        .startsWith("trap ")
        .contains("stop -t 10 ")
        .contains("baton-r1-train-1")
        .contains(" TERM INT HUP\n")
        .contains("</dev/null &")
        .endsWith("exit $_brc");
  }

  @Test
  void onASlurmNodeTheGpusComeFromSlurmJobGpusAndTheImageIsPulledAsSaid() {
    Command c = args(RuntimeKind.PODMAN, List.of(0), true, 0, "").wrap(new Command.Shell("x"));
    String script = ((Command.Shell) c).script();
    assertThat(script)
        .contains("${SLURM_JOB_GPUS-${SLURM_STEP_GPUS-}}")
        .contains("--device nvidia.com/gpu=$_bx")
        .contains("-e \"CUDA_VISIBLE_DEVICES=$_bc\"")
        .contains("--pull=missing");
  }

  @Test
  void namesComeFromRunStepAndAttemptAndKeepMatrixCellsApart() {
    assertThat(ContainerNames.of("20260101-120000-ab12", "train", 2))
        .isEqualTo("baton-20260101-120000-ab12-train-2");
    String a = ContainerNames.of("r", "train[lr=0.1]", 1);
    String b = ContainerNames.of("r", "train[lr=0_1]", 1);
    assertThat(a).matches("[A-Za-z0-9_.-]+").isNotEqualTo(b);
  }
}

package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GPU that nvidia-smi shows in use by a process that is not a Baton step is busy: through the
 * real CLI, with the fake nvidia-smi listing a real process (a {@code sleep} this test started,
 * outside any Baton step) on GPU 0.
 */
class ForeignGpuEndToEndTest {
  private static final String GPU0 = "GPU-aaaaaaaa-0000-0000-0000-000000000000";
  @TempDir Path tmp;
  private Process notebook;
  private Path apps;
  private Map<String, String> env;

  @BeforeEach
  void fakeNvidiaSmiWithAForeignProcess() throws Exception {
    notebook = new ProcessBuilder("sleep", "600").start();
    apps = tmp.resolve("compute-apps.csv");
    Files.writeString(apps, GPU0 + ", " + notebook.pid() + ", 30720, /usr/bin/python3\n");
    env =
        Map.of(
            "PATH", FakeNvidiaSmi.onPath(tmp),
            "FAKE_NVIDIA_SMI_APPS", apps.toString(),
            "BATON_LEASE_DIR", tmp.resolve("leases").toString());
  }

  @AfterEach
  void endTheNotebook() {
    notebook.destroyForcibly();
  }

  @Test
  void noStepGetsAGpuAForeignProcessUsesAndTheConsoleSaysWhy() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: foreign
        steps:
          s:
            matrix: {i: [1, 2, 3, 4, 5, 6]}
            agent: {gpus: 1}
            run: 'echo "$CUDA_VISIBLE_DEVICES" > gpu-${{ matrix.i }}.txt; sleep 0.3'
          all:
            needs: [s]
            agent: {gpus: 3}
            run: 'echo "$CUDA_VISIBLE_DEVICES" > all.txt'
        """);
    CliRun p = CliRun.run(tmp, env, "run", "baton.yaml", "--report-dir", "out");

    assertThat(p.exitCode).as(p.toString()).isZero();
    JsonNode run = new ObjectMapper().readTree(tmp.resolve("out/run.json").toFile());
    for (JsonNode step : run.get("steps")) {
      for (JsonNode attempt : step.get("attempts")) {
        assertThat(attempt.get("gpus").toString()).as(step.get("id").asText()).doesNotContain("0");
      }
    }
    for (int i = 1; i <= 6; i++) {
      assertThat(Files.readString(tmp.resolve("gpu-" + i + ".txt")).strip()).isIn("1", "2", "3");
    }
    assertThat(Files.readString(tmp.resolve("all.txt")).strip()).isEqualTo("1,2,3");
  }

  @Test
  void aStepThatNeedsTheBusyGpuWaitsSayingWhyAndFailsAfterTheLeaseTimeout() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: foreign-wait
        steps:
          both-a100: {agent: {label: "gpu && a100", gpus: 2}, run: 'touch ran.txt'}
        """);
    CliRun p =
        CliRun.run(tmp, env, "run", "baton.yaml", "--report-dir", "out", "--lease-timeout", "2s");

    assertThat(p.exitCode).as(p.toString()).isEqualTo(1);
    assertThat(tmp.resolve("ran.txt")).doesNotExist();
    assertThat(p.output)
        .contains(
            "[both-a100] waiting for 2 GPUs on local: GPU 0 busy: pid "
                + notebook.pid()
                + " (python3) uses 30 GiB, not a Baton step")
        .contains("waited longer than the lease timeout (2.0 s)");
  }

  @Test
  void ignoreForeignHandsTheGpuOutAnyway() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: foreign-ignored
        gpuBusy: {ignoreForeign: true}
        steps:
          all: {agent: {gpus: 4}, run: 'echo "$CUDA_VISIBLE_DEVICES" > all.txt'}
        """);
    CliRun p = CliRun.run(tmp, env, "run", "baton.yaml", "--report-dir", "out");

    assertThat(p.exitCode).as(p.toString()).isZero();
    assertThat(Files.readString(tmp.resolve("all.txt")).strip()).isEqualTo("0,1,2,3");
  }

  @Test
  void agentsShowsTheForeignProcessOnItsGpu() throws Exception {
    CliRun p = CliRun.run(tmp, env, "agents");

    assertThat(p.exitCode).as(p.toString()).isZero();
    assertThat(p.output).contains("GPU 0 busy: pid " + notebook.pid() + " (python3)");
  }
}

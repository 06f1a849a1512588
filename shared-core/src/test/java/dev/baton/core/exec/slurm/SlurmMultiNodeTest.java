package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.Command;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.TestLaunches;
import dev.baton.core.testing.RequiredTool;
import dev.baton.core.testing.SlurmTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps that span both nodes of the two-node test cluster {@code src-it/slurm/start-cluster.sh}
 * starts (two slurmd on one machine).
 */
@SlurmTest
class SlurmMultiNodeTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private SlurmExecutor executor;

  @BeforeEach
  void start() {
    String missing = SlurmClusters.whyMissing(2);
    RequiredTool.require(
        missing.isEmpty(),
        "no two-node Slurm cluster answers ("
            + missing
            + "); start one with src-it/slurm/start-cluster.sh");
    executor = new SlurmExecutor(SlurmSettings.defaults(), "it", SlurmInventory.read());
  }

  @AfterEach
  void stop() {
    if (executor != null) {
      executor.close();
    }
  }

  private StepLaunch twoNodes(String id, String script, Optional<Duration> timeout) {
    return TestLaunches.launch(
        id,
        new Command.Shell(script),
        new AgentRequest("", 1, OptionalLong.empty(), "", 0, OptionalLong.empty(), 2, 1),
        Map.of(),
        Map.of("PATH", System.getenv("PATH")),
        dir,
        timeout);
  }

  @Test
  void aTwoNodeStepRunsSrunOnBothNodesWithTheRendezvousVariables() throws Exception {
    StepLaunch launch =
        twoNodes(
            "dist",
            "echo \"world=$WORLD_SIZE master=$MASTER_ADDR port=$MASTER_PORT nnodes=$NNODES\";"
                + " srun sh -c 'echo \"task node=$SLURMD_NODENAME rank=$SLURM_PROCID"
                + " noderank=$SLURM_NODEID host=$(hostname) gpus=$CUDA_VISIBLE_DEVICES\"'",
            Optional.of(Duration.ofMinutes(2)));

    StepHandle handle = executor.launch(launch);

    assertThat(handle.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(ExitStatus.exited(0));
    String log = Files.readString(launch.log());
    assertThat(log).contains("world=2 ").contains("nnodes=2").containsPattern("port=\\d{5}");
    List<String> nodes = SlurmInventory.read().stream().map(n -> n.name()).sorted().toList();
    assertThat(log).contains("master=" + nodes.get(0));
    for (String node : nodes) {
      assertThat(log).containsPattern("task node=" + node + " rank=[01] noderank=[01] host=\\S+");
    }
    assertThat(log).contains("rank=0").contains("rank=1");
  }

  @Test
  void stoppingATwoNodeStepStopsItsTasksOnEveryNode() throws Exception {
    String marker = "1000." + System.nanoTime() % 1_000_000;
    StepLaunch launch =
        twoNodes("stopme", "srun sleep " + marker, Optional.of(Duration.ofMinutes(2)));
    StepHandle handle = executor.launch(launch);
    waitUntil(() -> count("sleep " + marker) == 2, "two tasks of sleep " + marker + " started");

    handle.stop(Duration.ofSeconds(2));

    ExitStatus status = handle.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(status.exitCode()).isNotZero();
    waitUntil(() -> count("sleep " + marker) == 0, "no sleep " + marker + " left on any node");
    assertThat(squeue(handle.jobId())).isFalse();
  }

  private static long count(String commandLine) {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains(commandLine) && !c.contains("srun") && !c.contains(" -c "))
                    .orElse(false))
        .count();
  }

  private static boolean squeue(String jobId) throws IOException {
    SlurmCli.Result r =
        new ProcessSlurmCli()
            .run(List.of("squeue", "--noheader", "--jobs=" + jobId), Duration.ofSeconds(15));
    return r.ok() && r.stdout().contains(jobId) && !r.stdout().contains(" CG ");
  }

  private static void waitUntil(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }
}

package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.agents.Agent;
import dev.baton.core.descriptor.Command;
import dev.baton.core.errors.InfrastructureException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real jobs on a real Slurm cluster: the two-node one {@code src-it/slurm/start-cluster.sh} starts
 * (4 GPUs of type a100 per node backed by device files, features gpu,a100).
 */
@SlurmTest
class SlurmClusterTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private SlurmExecutor executor;
  private List<Agent> nodes;

  private static String missingCluster;

  @BeforeAll
  static void askTheCluster() {
    SlurmCli cli = new ProcessSlurmCli();
    String why;
    try {
      SlurmCli.Result ping = cli.run(List.of("scontrol", "ping"), Duration.ofSeconds(15));
      SlurmCli.Result sinfo = cli.run(SlurmInventory.SINFO, Duration.ofSeconds(15));
      why =
          ping.ok() && ping.stdout().contains("UP") && sinfo.ok() && !sinfo.stdout().isBlank()
              ? ""
              : "scontrol ping: " + ping.firstError() + "; sinfo: " + sinfo.firstError();
    } catch (IOException e) {
      why = e.getMessage();
    }
    missingCluster = why;
  }

  @BeforeEach
  void start() {
    // Checked per test, so that each shows as skipped with the reason.
    RequiredTool.require(
        missingCluster.isEmpty(),
        "no Slurm cluster answers ("
            + missingCluster
            + "); start one with src-it/slurm/start-cluster.sh");
    nodes = SlurmInventory.read();
    executor = new SlurmExecutor(SlurmSettings.defaults(), "it", nodes);
  }

  @AfterEach
  void stop() {
    if (executor != null) {
      executor.close();
    }
  }

  @Test
  void inventoryComesFromSinfo() {
    Agent node = nodes.stream().filter(n -> n.labels().contains("a100")).findFirst().orElseThrow();

    assertThat(node.labels()).contains("gpu", "a100", node.name());
    assertThat(node.gpus()).hasSize(4).allMatch(g -> g.modelLabel().equals("a100"));
  }

  @Test
  void slurmBindsTheGpuAndSetsCudaVisibleDevices() throws Exception {
    // Baton's own value must not leak into the job: Slurm decides which GPU the step gets.
    StepLaunch launch =
        TestLaunches.launch(
            "gpu1",
            new Command.Shell("echo \"CVD=$CUDA_VISIBLE_DEVICES GPUS=$SLURM_JOB_GPUS\""),
            SlurmLaunches.request("gpu && a100", 1, "A100", 1, 0),
            Map.of(),
            Map.of("PATH", System.getenv("PATH"), "CUDA_VISIBLE_DEVICES", "7"),
            dir,
            Optional.of(Duration.ofMinutes(5)));

    long started = System.nanoTime();
    StepHandle handle = executor.launch(launch);
    ExitStatus status = handle.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(status).isEqualTo(ExitStatus.exited(0));
    String log = Files.readString(launch.log());
    assertThat(log).containsPattern("CVD=[0-3] GPUS=[0-3]").doesNotContain("CVD=7");
    assertThat(job(handle)).contains("TimeLimit=00:05:00").contains("TresPerNode=gres:gpu:a100:1");
    assertThat(BatchScript.envPath(launch)).doesNotExist();
    System.out.println("[slurm] one-GPU step: submit to seen-finished " + millis + " ms");
  }

  @Test
  void exitCodeOfAFailingStepIsKept() throws Exception {
    StepHandle handle = executor.launch(shell("fails", "echo about to fail; exit 3", 0));

    assertThat(handle.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(ExitStatus.exited(3));
    assertThat(Files.readString(dir.resolve("logs/fails.log"))).contains("about to fail");
  }

  @Test
  void timeoutStopsTheJobAndLeavesNoProcess() throws Exception {
    String marker = "1000." + System.nanoTime() % 1_000_000;
    StepLaunch launch =
        TestLaunches.launch(
            "slow",
            new Command.Argv(List.of("sleep", marker)),
            SlurmLaunches.gpus(1),
            Map.of(),
            Map.of("PATH", System.getenv("PATH")),
            dir,
            Optional.of(Duration.ofSeconds(2)));
    StepHandle handle = executor.launch(launch);
    assertThat(job(handle)).contains("TimeLimit=00:01:00");
    waitUntilRunning("sleep " + marker);

    // What the run engine does when the step's 2 s are up.
    assertThatThrownBy(() -> handle.exit().get(2, TimeUnit.SECONDS))
        .isInstanceOf(TimeoutException.class);
    handle.stop(Duration.ofSeconds(5));

    assertThat(handle.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(ExitStatus.exited(143));
    assertThat(running("sleep " + marker)).isFalse();
  }

  @Test
  void aStepThatIgnoresTermIsKilledAfterTheGrace() throws Exception {
    String marker = "1000." + System.nanoTime() % 1_000_000;
    StepHandle handle =
        executor.launch(shell("stubborn", "trap '' TERM; sleep " + marker + "; exit 0", 0));
    waitUntilRunning("sleep " + marker);

    long stopped = System.nanoTime();
    handle.stop(Duration.ofSeconds(1));
    ExitStatus status = handle.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(status.exitCode()).isIn(137, 143);
    assertThat((System.nanoTime() - stopped) / 1_000_000).isGreaterThanOrEqualTo(1_000);
    assertThat(running("sleep " + marker)).isFalse();
  }

  @Test
  void stepsNeedingOneTwoAndFourGpusNeverHoldMoreThanFour() throws Exception {
    List<StepHandle> handles = new ArrayList<>();
    int[] gpus = {1, 2, 4};
    for (int n : gpus) {
      String script =
          "echo \"start $(date +%s.%N) gpus=$CUDA_VISIBLE_DEVICES\"; sleep 2;"
              + " echo \"end $(date +%s.%N)\"";
      // On one node: the cluster's second node has GPUs of its own.
      handles.add(
          executor.launch(
              TestLaunches.shell(
                  "pack" + n,
                  script,
                  SlurmLaunches.request(nodes.get(0).name(), n, "", 0, 0),
                  dir)));
    }
    for (StepHandle h : handles) {
      assertThat(h.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
    }

    List<Interval> runs = new ArrayList<>();
    for (int n : gpus) {
      runs.add(Interval.read(Files.readString(dir.resolve("logs/pack" + n + ".log")), n));
    }
    for (Interval run : runs) {
      assertThat(run.devices()).as("CUDA_VISIBLE_DEVICES of " + run).hasSize(run.gpus());
      int held = runs.stream().filter(o -> o.overlaps(run.start())).mapToInt(Interval::gpus).sum();
      assertThat(held).as("GPUs held when " + run + " started").isLessThanOrEqualTo(4);
    }
    // The 1- and 2-GPU steps fit side by side, and Slurm packed them so.
    assertThat(
            runs.get(0).overlaps(runs.get(1).start()) || runs.get(1).overlaps(runs.get(0).start()))
        .isTrue();
  }

  @Test
  void negationIsHonouredThroughTheInventoryAndImpossibleLabelsFailEarly() throws Exception {
    StepLaunch notFlaky =
        TestLaunches.launch(
            "notflaky",
            new Command.Shell("true"),
            SlurmLaunches.request("gpu && !flaky && (a100 || h100)", 1, "", 0, 0),
            Map.of(),
            Map.of("PATH", System.getenv("PATH")),
            dir,
            Optional.empty());
    assertThat(executor.launch(notFlaky).exit().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(ExitStatus.exited(0));

    StepLaunch noNode =
        TestLaunches.launch(
            "nonode",
            new Command.Shell("true"),
            SlurmLaunches.request("gpu && !a100", 1, "", 0, 0),
            Map.of(),
            Map.of(),
            dir,
            Optional.empty());
    assertThatThrownBy(() -> executor.launch(noNode))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageContaining("no Slurm node matches label 'gpu && !a100'");
  }

  private StepLaunch shell(String id, String script, int gpus) {
    return TestLaunches.shell(id, script, SlurmLaunches.gpus(gpus), dir);
  }

  private static String job(StepHandle handle) throws IOException {
    SlurmCli.Result r =
        new ProcessSlurmCli()
            .run(
                List.of(
                    "scontrol", "--oneliner", "show", "job", ((SlurmStepHandle) handle).jobId()),
                Duration.ofSeconds(15));
    return r.stdout();
  }

  private static boolean running(String commandLine) {
    return ProcessHandle.allProcesses()
        .anyMatch(p -> p.info().commandLine().map(c -> c.contains(commandLine)).orElse(false));
  }

  private static void waitUntilRunning(String commandLine) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!running(commandLine) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(running(commandLine)).as(commandLine + " started").isTrue();
  }

  /** When one packed step held its GPUs, read from the timestamps it printed. */
  record Interval(int gpus, double start, double end, List<String> devices) {
    static Interval read(String log, int gpus) {
      double start = 0;
      double end = 0;
      List<String> devices = List.of();
      for (String line : log.split("\\R")) {
        String[] f = line.split(" ");
        if (f[0].equals("start")) {
          start = Double.parseDouble(f[1]);
          devices = List.of(f[2].substring("gpus=".length()).split(","));
        } else if (f[0].equals("end")) {
          end = Double.parseDouble(f[1]);
        }
      }
      return new Interval(gpus, start, end, devices);
    }

    boolean overlaps(double instant) {
      return start <= instant && instant < end;
    }
  }
}

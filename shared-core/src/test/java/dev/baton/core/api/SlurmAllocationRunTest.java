package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.SlurmAttempt;
import dev.baton.core.record.StepRecord;
import dev.baton.core.testing.BenchmarkTest;
import dev.baton.core.testing.RequiredTool;
import dev.baton.core.testing.SlurmTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs in allocation mode on the two-node test cluster ({@code
 * src-it/slurm/start-cluster.sh}): short steps started by the pilot of an allocation Baton holds,
 * released when the run ends.
 */
@SlurmTest
class SlurmAllocationRunTest {
  /** 16 steps each of 1, 2 and 4 GPUs, 0.2 s each, on one 4-GPU node: 22.4 GPU-seconds / 4. */
  private static final double BOUND_SECONDS = 5.6;

  @TempDir Path workspace;

  @BeforeEach
  void clusterAnswers() {
    RequiredTool.require(
        run("scontrol", "ping").contains("UP"),
        "no Slurm cluster answers 'scontrol ping'; start one with src-it/slurm/start-cluster.sh");
  }

  @Test
  void shortStepsRunThroughThePilotOnDistinctGpusAndTheAllocationIsReleased() throws Exception {
    SacctRecords.requireAccounting();
    BatonConfig config = packing("alloc-small", 2, "allocation");

    RunOutcome outcome = new Baton(e -> {}).run(config);

    assertThat(outcome.succeeded()).as(String.valueOf(outcome.record())).isTrue();
    assertThat(outcome.record().steps()).hasSize(6);
    checkNoGpuHeldTwice(outcome, true);
    SacctRecords sacct = SacctRecords.of(outcome);
    sacct.matches(outcome, true, 4, SlurmAllocationRunTest::askedGpus);
    sacct.neverMoreGpusThan(4);
    Path record = outcome.reportDir().resolve("logs/slurm/allocations");
    assertThat(Files.readAllLines(record)).hasSize(1);
    assertThat(active("alloc-small.")).as("jobs of the run left in squeue").isEmpty();
  }

  @Test
  void inJobModeEachAttemptRecordsItsJobNodeQueueWaitAndAccountedUsage() throws Exception {
    SacctRecords.requireAccounting();
    BatonConfig config = packing("job-small", 2, "job");

    RunOutcome outcome = new Baton(e -> {}).run(config);

    assertThat(outcome.succeeded()).as(String.valueOf(outcome.record())).isTrue();
    SacctRecords sacct = SacctRecords.of(outcome);
    sacct.matches(outcome, false, 4, SlurmAllocationRunTest::askedGpus);
    sacct.neverMoreGpusThan(4);
    for (StepRecord s : outcome.record().steps()) {
      AttemptRecord a = s.attempts().get(0);
      SacctRecords.Job job = sacct.job(a.slurm().jobId());
      assertThat(a.slurm().task()).as("its own job, no pilot task").isEmpty();
      assertThat(a.slurm().startedAt().getEpochSecond()).isEqualTo(job.start());
      assertThat(a.slurm().endedAt().getEpochSecond()).isEqualTo(job.end());
      assertThat(a.slurm().queueWaitMillis()).isGreaterThanOrEqualTo(0);
      assertThat(a.usage()).as("usage of " + s.id() + " from sacct").isNotNull();
      assertThat(a.usage().source()).isEqualTo("sacct");
      assertThat(a.usage().cpuSeconds()).isGreaterThanOrEqualTo(0);
    }
    assertThat(active("job-small.")).as("jobs of the run left in squeue").isEmpty();
  }

  @Test
  void anIdleAllocationIsGivenBackAndANewOneMadeWhenAStepNeedsItsNodeAgain() throws Exception {
    SacctRecords.requireAccounting();
    List<String> nodes =
        run("sinfo", "--Node", "--noheader", "--format=%N")
            .lines()
            .map(String::strip)
            .sorted()
            .distinct()
            .toList();
    Files.writeString(
        workspace.resolve("baton.yaml"),
        """
        version: 1
        name: alloc-idle
        slurm: {mode: allocation, idle: 1s}
        steps:
          first: {agent: {label: %1$s, gpus: 1}, timeout: 1m, run: 'echo one'}
          elsewhere: {needs: [first], agent: {label: %2$s, gpus: 1}, timeout: 1m, run: 'sleep 6'}
          again: {needs: [elsewhere], agent: {label: %1$s, gpus: 1}, timeout: 1m, run: 'echo two'}
        """
            .formatted(nodes.get(0), nodes.get(1)));
    BatonConfig config =
        BatonConfig.of(workspace.resolve("baton.yaml")).toBuilder().executor("slurm").build();

    RunOutcome outcome = new Baton(e -> {}).run(config);

    assertThat(outcome.succeeded()).as(String.valueOf(outcome.record())).isTrue();
    Map<String, SlurmAttempt> where = new HashMap<>();
    outcome.record().steps().forEach(s -> where.put(s.id(), s.attempts().get(0).slurm()));
    assertThat(where.get("first").node()).isEqualTo(where.get("again").node());
    assertThat(where.get("again").jobId())
        .as("a new allocation for the node after the idle one was given back")
        .isNotEqualTo(where.get("first").jobId());
    assertThat(Files.readAllLines(outcome.reportDir().resolve("logs/slurm/allocations")))
        .hasSize(3);
    SacctRecords sacct = SacctRecords.of(outcome);
    long firstGivenBack = sacct.job(where.get("first").jobId()).end();
    assertThat(firstGivenBack)
        .as("the idle allocation ended while the step on the other node still ran")
        .isLessThanOrEqualTo(where.get("elsewhere").endedAt().getEpochSecond());
    assertThat(firstGivenBack).isLessThanOrEqualTo(sacct.job(where.get("again").jobId()).start());
    assertThat(active("alloc-idle.")).as("jobs of the run left in squeue").isEmpty();
  }

  @Test
  void cancellingARunInAllocationModeLeavesNoAllocationOrStep() throws Exception {
    Files.writeString(
        workspace.resolve("baton.yaml"),
        """
        version: 1
        name: alloc-cancel
        steps:
          quick: {agent: {gpus: 1}, timeout: 1m, run: 'echo done'}
          slow: {needs: [quick], agent: {gpus: 2}, timeout: 5m, run: 'sleep 300'}
        """);
    BatonConfig config =
        BatonConfig.of(workspace.resolve("baton.yaml")).toBuilder()
            .executor("slurm")
            .executorOptions(Map.of("mode", "allocation"))
            .build();
    Baton baton = new Baton(e -> {});
    CompletableFuture<RunOutcome> running = CompletableFuture.supplyAsync(() -> baton.run(config));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!pilotStarted("slow") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }

    assertThat(pilotStarted("slow")).as("the pilot started slow").isTrue();
    baton.cancel();
    RunOutcome outcome = running.get(60, TimeUnit.SECONDS);

    assertThat(outcome.succeeded()).isFalse();
    StepRecord quick =
        outcome.record().steps().stream().filter(s -> s.id().equals("quick")).findFirst().get();
    assertThat(quick.attempts()).hasSize(1);
    assertThat(active("alloc-cancel.")).as("jobs of the run left in squeue").isEmpty();
  }

  @Test
  void afterKillNineResumeReleasesTheAllocationKeepsFinishedStepsAndLeavesNothing()
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path");
    Process first =
        new ProcessBuilder(
                java, "-cp", classPath, KilledAllocationRun.class.getName(), workspace.toString())
            .redirectErrorStream(true)
            .redirectOutput(workspace.resolve("first.out").toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!pilotStarted("slow") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(pilotStarted("slow")).as("the pilot started slow").isTrue();
    first.destroyForcibly().waitFor(); // SIGKILL: the allocation and its pilot stay with Slurm
    assertThat(active("killres.allocation")).as("the allocation a killed Baton left").isNotEmpty();
    Files.writeString(workspace.resolve("go"), "");

    Process resumed =
        new ProcessBuilder(
                java,
                "-cp",
                classPath,
                KilledAllocationRun.class.getName(),
                workspace.toString(),
                "latest")
            .redirectErrorStream(true)
            .redirectOutput(workspace.resolve("resumed.out").toFile())
            .start();

    assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(resumed.exitValue()).as(Files.readString(workspace.resolve("resumed.out"))).isZero();
    assertThat(Files.readAllLines(workspace.resolve("quick.count"))).hasSize(1);
    assertThat(active("killres.")).as("jobs of the run left in squeue").isEmpty();
  }

  @Test
  @BenchmarkTest
  void allocationModePacksShortStepsCloseToTheBoundWhereJobsCannot() throws Exception {
    SacctRecords.requireAccounting();
    List<String> lines = new ArrayList<>();
    for (String mode : List.of("job", "allocation")) {
      BatonConfig config = packing("pack-" + mode, 16, mode);
      long started = System.nanoTime();
      RunOutcome outcome = new Baton(e -> {}).run(config);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("[slurm-pack] %s mode: %.2f s%n", mode, seconds);

      assertThat(outcome.succeeded()).as(mode).isTrue();
      assertThat(outcome.record().steps()).hasSize(48);
      checkNoGpuHeldTwice(outcome, mode.equals("allocation"));
      SacctRecords sacct = SacctRecords.of(outcome);
      sacct.matches(outcome, mode.equals("allocation"), 4, SlurmAllocationRunTest::askedGpus);
      sacct.neverMoreGpusThan(4);
      lines.add(
          String.format(
              "[slurm-pack] %s mode: 48 steps of 0.2 s on 4 GPUs: %.2f s, %.2fx the %.1f s bound",
              mode, seconds, seconds / BOUND_SECONDS, BOUND_SECONDS));
      if (mode.equals("allocation")) {
        lines.forEach(System.out::println);
        assertThat(seconds / BOUND_SECONDS).as(String.join("\n", lines)).isLessThanOrEqualTo(2.0);
      }
    }
  }

  /** What step {@code g2[i=3]} asked for: 2 GPUs. */
  private static int askedGpus(String stepId) {
    return Integer.parseInt(stepId.substring(1, 2));
  }

  /** {@code cells} steps each of 1, 2 and 4 GPUs on the cluster's first node. */
  private BatonConfig packing(String name, int cells, String mode) throws IOException {
    String node =
        run("sinfo", "--Node", "--noheader", "--format=%N")
            .lines()
            .sorted()
            .findFirst()
            .orElseThrow()
            .strip();
    StringBuilder y = new StringBuilder("version: 1\nname: " + name + "\nsteps:\n");
    StringBuilder values = new StringBuilder();
    for (int i = 1; i <= cells; i++) {
      values.append(i == 1 ? "" : ", ").append(i);
    }
    for (int g : new int[] {4, 2, 1}) {
      y.append("  g").append(g).append(":\n");
      y.append("    matrix: {i: [").append(values).append("]}\n");
      y.append("    agent: {label: ").append(node).append(", gpus: ").append(g).append("}\n");
      y.append("    timeout: 2m\n");
      y.append(
          "    run: 'echo \"start $(date +%s.%N) gpus=$CUDA_VISIBLE_DEVICES\"; sleep 0.2;"
              + " echo \"end $(date +%s.%N)\"'\n");
    }
    Files.writeString(workspace.resolve(name + ".yaml"), y.toString());
    return BatonConfig.of(workspace.resolve(name + ".yaml")).toBuilder()
        .executor("slurm")
        .executorOptions(Map.of("mode", mode))
        .build();
  }

  /**
   * No GPU index of a node was held by two attempts at once: in run.json (each attempt's node, GPU
   * indices, and when it started and ended on the node) and in what the step saw
   * (CUDA_VISIBLE_DEVICES with the times the step printed).
   */
  private static void checkNoGpuHeldTwice(RunOutcome outcome, boolean recordsGpus)
      throws IOException {
    record Held(String id, String node, List<Integer> gpus, double start, double end) {}
    List<Held> recorded = new ArrayList<>();
    List<Held> bound = new ArrayList<>();
    for (StepRecord s : outcome.record().steps()) {
      for (AttemptRecord a : s.attempts()) {
        SlurmAttempt where = a.slurm();
        if (recordsGpus) {
          assertThat(where).as("the Slurm job of " + s.id() + " in run.json").isNotNull();
          assertThat(where.node()).isNotEmpty();
          assertThat(where.jobId()).isNotEmpty();
          assertThat(a.gpus()).as("GPUs of " + s.id() + " in run.json").isNotEmpty();
        }
        Instant start = where == null ? null : where.startedAt();
        Instant end = where == null ? null : where.endedAt();
        recorded.add(
            new Held(
                s.id(),
                where == null ? "" : where.node(),
                a.gpus(),
                (start == null ? a.startedAt() : start).toEpochMilli() / 1e3,
                (end == null ? a.endedAt() : end).toEpochMilli() / 1e3));
      }
      Path log = outcome.reportDir().resolve("logs/" + s.id() + ".log");
      double start = 0;
      double end = 0;
      List<Integer> gpus = new ArrayList<>();
      for (String line : Files.readAllLines(log)) {
        String[] f = line.split(" ");
        if (f[0].equals("start")) {
          start = Double.parseDouble(f[1]);
          for (String g : f[2].substring("gpus=".length()).split(",")) {
            gpus.add(Integer.parseInt(g));
          }
        } else if (f[0].equals("end")) {
          end = Double.parseDouble(f[1]);
        }
      }
      int asked = askedGpus(s.id());
      assertThat(gpus).as("GPUs Slurm bound for " + s.id()).hasSize(asked);
      if (recordsGpus) {
        // The whole node is the allocation's, so the pilot's devices are the node's indices.
        assertThat(gpus).as("GPUs " + s.id() + " saw").isEqualTo(s.attempts().get(0).gpus());
      }
      bound.add(new Held(s.id(), "", gpus, start, end));
    }
    for (List<Held> held : List.of(recorded, bound)) {
      for (Held a : held) {
        for (Held b : held) {
          if (a != b
              && a.node().equals(b.node())
              && !a.gpus().isEmpty()
              && !b.gpus().isEmpty()
              && a.start() < b.end()
              && b.start() < a.end()) {
            assertThat(a.gpus()).as(a + " overlaps " + b).doesNotContainAnyElementsOf(b.gpus());
          }
        }
      }
    }
  }

  /** Whether a pilot of a run in the workspace has started an attempt of {@code step}. */
  private boolean pilotStarted(String step) throws IOException {
    try (var files = Files.walk(workspace)) {
      return files.anyMatch(
          f ->
              f.getParent() != null
                  && f.getParent().getFileName().toString().equals("started")
                  && f.getFileName().toString().contains("-" + step + "-"));
    } catch (UncheckedIOException e) {
      return false; // a directory went away while it was walked: look again
    }
  }

  private static List<String> active(String prefix) {
    return run("squeue", "--noheader", "--format=%j")
        .lines()
        .filter(l -> l.startsWith(prefix))
        .toList();
  }

  private static String run(String... argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}

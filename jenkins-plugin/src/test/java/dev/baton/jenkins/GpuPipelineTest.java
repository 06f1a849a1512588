package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.LockableResources;
import dev.baton.jenkins.runtime.RecordedCall;
import dev.baton.jenkins.runtime.RecordingPipelineRuntime;
import dev.baton.jenkins.runtime.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance (1) with GPU steps: more GPU work than GPUs, so steps wait for counted locks; each
 * step records where it ran and which GPUs it saw, and no two overlapping steps on one agent shared
 * one.
 */
class GpuPipelineTest {
  static final String DESCRIPTOR =
      """
      version: 1
      name: gpu-fleet
      params:
        ledger: /dev/null
      steps:
        prepare:
          agent: {label: linux}
          run: sh scripts/record.sh prepare 0.1 ${{ params.ledger }}
        train:
          needs: [prepare]
          agent: {label: "gpu && a100", gpus: 1}
          matrix: {seed: [1, 2, 3]}
          run: sh scripts/record.sh train-${{ matrix.seed }} 0.8 ${{ params.ledger }}
        finetune:
          needs: [prepare]
          agent: {label: "gpu && (a100 || h100) && !flaky", gpus: 2}
          matrix: {size: [small, large]}
          run: sh scripts/record.sh finetune-${{ matrix.size }} 0.8 ${{ params.ledger }}
        sweep:
          needs: [prepare]
          agent: {label: "h100", gpus: 4}
          run: sh scripts/record.sh sweep 0.5 ${{ params.ledger }}
        evaluate:
          needs: [train, finetune, sweep]
          agent: {label: "linux || (gpu -> h100)"}
          run: sh scripts/record.sh evaluate 0.1 ${{ params.ledger }}
      """;
  static final String RECORD_SH =
      """
      #!/bin/sh
      # Records where a step ran and which GPUs it was given: start/end, node, GPUs, time in ns.
      set -eu
      echo "start $1 ${NODE_NAME:-none} ${CUDA_VISIBLE_DEVICES:--} $(date +%s%N)" >> "$3"
      sleep "$2"
      echo "end $1 ${NODE_NAME:-none} ${CUDA_VISIBLE_DEVICES:--} $(date +%s%N)" >> "$3"
      """;

  @TempDir Path tmp;

  @Test
  void gpuStepsGetTheirCountOfGpusAndNeverShareOne() throws Exception {
    String cli = Testbed.cliCommand();
    Path repo =
        Testbed.project(
            tmp.resolve("repo"), Map.of("baton.yaml", DESCRIPTOR, "scripts/record.sh", RECORD_SH));
    Path ledger = tmp.resolve("ledger.txt");
    RecordingPipelineRuntime runtime = Testbed.threeAgents(tmp.resolve("jenkins"), cli).scm(repo);

    BuildRun build =
        runtime.run(
            "@Library('baton') _\n"
                + "baton file: 'baton.yaml', params: [ledger: '"
                + ledger
                + "']\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    Map<String, Object> plan = PipelineChecks.plan(repo, cli);
    PipelineChecks.assertEveryStepRanOnMatchingAgent(build, plan, runtime.agents());
    PipelineChecks.assertNeedsEndedFirst(build, plan);
    PipelineChecks.assertReportsPublished(build, "baton-reports");
    List<Interval> runs = Interval.read(ledger);
    assertThat(runs).hasSize(8);
    assertGpuCountsAndDisjointness(runs, runtime.agents());
    assertLockHoldsNeverOverlap(runtime.lockableResources());
    // Five steps that may run on a100 want 7 GPUs; it has 2 and 3 executors, so some waited.
    assertThat(runtime.lockableResources().waits()).isPositive();
    assertThat(build.calls("lock")).hasSize(6);
    PipelineChecks.assertCpsClean(build);
  }

  @Test
  void gpuStepsGoOnlyToAgentsWithEnoughGpusAndCloudAgentsLockByTheirLockLabel() throws Exception {
    String descriptor =
        """
        version: 1
        name: gpu-choice
        steps:
          big:
            matrix: {n: [1, 2, 3]}
            agent: {label: gpu, gpus: 3}
            run: echo "big on $NODE_NAME with $CUDA_VISIBLE_DEVICES"
          pooled:
            agent: {label: pool, gpus: 2}
            run: echo "pooled on $NODE_NAME with $CUDA_VISIBLE_DEVICES"
          own:
            agent: {label: pod, gpus: 1}
            run: echo "own on $NODE_NAME with $CUDA_VISIBLE_DEVICES"
        """;
    String cli = Testbed.cliCommand();
    // a100-1 (2 GPUs) matches 'gpu' and comes first: only h100-1 (4 GPUs) can hold 3.
    RecordingPipelineRuntime runtime =
        Testbed.threeAgents(tmp.resolve("jenkins"), cli)
            .agent(
                TestAgent.of("cloud-7f3a9c", "pool", 1, 2)
                    .withEnv("BATON_CLI", cli)
                    .withEnv("BATON_GPU_LOCK_LABEL", "pool-a-gpu"))
            .agent(
                TestAgent.of("pod-x1y2", "pod", 1, 1)
                    .withEnv("BATON_CLI", cli)
                    .withEnv("BATON_GPU_LOCK_LABEL", "none"))
            .maxWaitMillis(60_000)
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", descriptor)));

    BuildRun build = runtime.run("@Library('baton') _\nbaton()\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    Map<String, RecordedCall> steps = PipelineChecks.stepCalls(build);
    assertThat(steps.entrySet())
        .filteredOn(e -> e.getKey().startsWith("big"))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.getValue().agent()).isEqualTo("h100-1"));
    assertThat(steps.get("pooled").agent()).isEqualTo("cloud-7f3a9c");
    assertThat(build.log())
        .contains("(pool-a-gpu-0,pool-a-gpu-1)", "pooled on cloud-7f3a9c with 0,1");
    assertThat(build.log()).contains("own on pod-x1y2 with 0", "its own GPUs 0");
    assertThat(build.calls("node"))
        .anySatisfy(c -> assertThat(c.arg("label")).startsWith("(gpu) && (gpus-3 || gpus-4"));
    PipelineChecks.assertCpsClean(build);
  }

  private static void assertGpuCountsAndDisjointness(List<Interval> runs, List<TestAgent> agents) {
    Map<String, Integer> wanted =
        Map.of("train", 1, "finetune", 2, "sweep", 4, "prepare", 0, "evaluate", 0);
    for (Interval run : runs) {
      int gpusOfAgent =
          agents.stream().filter(a -> a.name().equals(run.node)).findFirst().get().gpus();
      assertThat(run.gpus).as(run.name + " GPUs").hasSize(wanted.get(run.name.split("-")[0]));
      assertThat(run.gpus).allMatch(gpu -> gpu >= 0 && gpu < gpusOfAgent);
      for (Interval other : runs) {
        if (other != run && other.node.equals(run.node) && other.overlaps(run)) {
          Set<Integer> shared = new HashSet<>(run.gpus);
          shared.retainAll(other.gpus);
          assertThat(shared).as(run.name + " and " + other.name + " on " + run.node).isEmpty();
        }
      }
    }
  }

  private static void assertLockHoldsNeverOverlap(LockableResources locks) {
    Map<String, List<LockableResources.Hold>> byResource = new HashMap<>();
    for (LockableResources.Hold hold : locks.holds()) {
      byResource.computeIfAbsent(hold.resource(), r -> new ArrayList<>()).add(hold);
    }
    for (List<LockableResources.Hold> holds : byResource.values()) {
      for (LockableResources.Hold a : holds) {
        for (LockableResources.Hold b : holds) {
          if (a != b) {
            assertThat(a.fromNanos() < b.toNanos() && b.fromNanos() < a.toNanos())
                .as(a + " overlaps " + b)
                .isFalse();
          }
        }
      }
    }
  }

  /** One step's run as its script recorded it. */
  record Interval(String name, String node, List<Integer> gpus, long start, long end) {
    boolean overlaps(Interval other) {
      return start < other.end && other.start < end;
    }

    static List<Interval> read(Path ledger) throws Exception {
      Map<String, String[]> starts = new HashMap<>();
      List<Interval> runs = new ArrayList<>();
      for (String line : Files.readAllLines(ledger)) {
        String[] f = line.split(" ");
        if (f[0].equals("start")) {
          starts.put(f[1], f);
        } else {
          String[] s = starts.get(f[1]);
          List<Integer> gpus = new ArrayList<>();
          for (String g : s[3].split(",")) {
            if (!g.equals("-")) {
              gpus.add(Integer.parseInt(g));
            }
          }
          runs.add(new Interval(f[1], s[2], gpus, Long.parseLong(s[4]), Long.parseLong(f[4])));
        }
      }
      return runs;
    }
  }
}

package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.RecordedCall;
import dev.baton.jenkins.runtime.RecordingPipelineRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step starts when the last step it needs ends, started by that step's branch: nothing polls (no
 * {@code waitUntil}), and a step never waits for steps it does not need.
 */
class HandOverTest {
  @TempDir Path tmp;

  @Test
  void aStepStartsWhileAnUnrelatedSlowStepStillRunsAndNothingPolls() throws Exception {
    Path signal = tmp.resolve("signal");
    // slow ends only once after-fast has run: waves of parallel, one per level, would never end.
    String descriptor =
        """
        version: 1
        name: hand-over
        defaults:
          timeout: 60s
        steps:
          fast:
            run: echo fast
          slow:
            run: while [ ! -e '%1$s' ]; do sleep 0.05; done; echo slow saw after-fast
          after-fast:
            needs: [fast]
            run: touch '%1$s'
          fan-in:
            needs: [slow, after-fast]
            run: echo fan-in
          left:
            needs: [fan-in]
            run: echo left
          right:
            needs: [fan-in]
            run: echo right
        """
            .formatted(signal);
    RecordingPipelineRuntime jenkins =
        Testbed.threeAgents(tmp.resolve("jenkins"), Testbed.cliCommand())
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", descriptor)))
            .restartAfter("node", "echo");
    BuildRun build = jenkins.run("@Library('baton') _\nbaton()\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    // The controller restarted after planning (node), and after saying so (echo); the build
    // went on each time from its program state as read back.
    assertThat(jenkins.restarts()).containsExactly("node", "echo");
    assertThat(build.log()).contains("Resuming build after a restart");
    PipelineChecks.assertCpsClean(build);
    assertThat(build.calls("waitUntil")).isEmpty();
    assertThat(build.log()).contains("slow saw after-fast");
    Map<String, RecordedCall> steps = PipelineChecks.stepCalls(build);
    assertThat(steps).containsOnlyKeys("fast", "slow", "after-fast", "fan-in", "left", "right");
    assertThat(steps.get("fan-in").startNanos())
        .isGreaterThan(steps.get("slow").endNanos())
        .isGreaterThan(steps.get("after-fast").endNanos());
    assertThat(steps.get("left").startNanos()).isGreaterThan(steps.get("fan-in").endNanos());
    assertThat(steps.get("right").startNanos()).isGreaterThan(steps.get("fan-in").endNanos());
  }

  @Test
  void anAbortDuringAStepStopsItRunsNothingAfterAndLeavesNoCallDirectory() throws Exception {
    String descriptor =
        """
        version: 1
        name: aborted
        steps:
          slow:
            run: sleep 60
          after:
            needs: [slow]
            run: echo after
        """;
    RecordingPipelineRuntime jenkins =
        Testbed.threeAgents(tmp.resolve("jenkins"), Testbed.cliCommand())
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", descriptor)))
            .abortWhenLogged("started on");
    BuildRun build = jenkins.run("@Library('baton') _\nbaton()\n");

    assertThat(build.result()).as(build.log()).isEqualTo("ABORTED");
    assertThat(PipelineChecks.stepCalls(build)).containsOnlyKeys("slow");
    assertThat(PipelineChecks.stepCalls(build).get("slow").failure()).contains("interrupted");
    for (Path workspace : jenkins.workspaces()) {
      try (var left = Files.list(workspace.resolve(".baton/jenkins"))) {
        assertThat(left.filter(Files::isDirectory).toList())
            .as("call directories left in " + workspace)
            .isEmpty();
      }
    }
  }
}

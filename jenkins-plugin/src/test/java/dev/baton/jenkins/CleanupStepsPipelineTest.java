package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.RecordingPipelineRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps whose {@code when} calls a status function, through the library: they run whatever their
 * needs ended as, and {@code baton step} decides their {@code when} from the records of every step
 * above them (the core's semantics, not the library's); {@code always()} and {@code cancelled()}
 * steps run after an abort too, as {@code post { always }} does.
 */
class CleanupStepsPipelineTest {
  static final String CLEANUP =
      """
      version: 1
      name: cleanup
      params:
        fail: {type: bool, default: false}
      steps:
        prepare:
          run: echo prepared
        train:
          needs: [prepare]
          run: test ${{ params.fail }} = false
        evaluate:
          needs: [train]
          run: echo evaluated
        notify:
          needs: [train, evaluate]
          when: ${{ failure() }}
          run: echo "said=train=${{ needs.train.result }} evaluate=${{ needs.evaluate.result }}" >> "$BATON_OUTPUT"
        notify-late:
          needs: [evaluate]
          when: ${{ failure() }}
          run: echo "through evaluate, which was skipped"
        cleanup:
          needs: [evaluate]
          when: ${{ always() }}
          timeout: 1m
          run: echo "saw=${{ needs.evaluate.result }}" >> "$BATON_OUTPUT"
        after-cleanup:
          needs: [cleanup]
          run: echo after
      """;

  @TempDir Path tmp;

  private BuildRun build(String descriptor, String jenkinsfile, String abortWhen) throws Exception {
    RecordingPipelineRuntime jenkins =
        Testbed.threeAgents(tmp.resolve("jenkins"), Testbed.cliCommand())
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", descriptor)));
    if (abortWhen != null) {
      jenkins.abortWhenLogged(abortWhen);
    }
    BuildRun build = jenkins.run("@Library('baton') _\n" + jenkinsfile + "\n");
    PipelineChecks.assertCpsClean(build);
    for (Path workspace : jenkins.workspaces()) {
      try (var left = Files.list(workspace.resolve(".baton/jenkins"))) {
        assertThat(left.filter(Files::isDirectory).toList())
            .as("call directories left in " + workspace)
            .isEmpty();
      }
    }
    return build;
  }

  @Test
  void aFailedStepRunsTheFailureStepsWhichReadHowTheirNeedsEndedAndTheAlwaysStep()
      throws Exception {
    BuildRun build = build(CLEANUP, "baton(params: [fail: 'true'])", null);

    assertThat(build.result()).as(build.log()).isEqualTo("FAILURE");
    assertThat(build.error()).contains("step train failed");
    assertThat(PipelineChecks.mergedStatuses(build, "baton-reports"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("prepare", "SUCCEEDED"),
                Map.entry("train", "FAILED"),
                Map.entry("evaluate", "SKIPPED"),
                Map.entry("notify", "SUCCEEDED"),
                Map.entry("notify-late", "SUCCEEDED"),
                Map.entry("cleanup", "SUCCEEDED"),
                Map.entry("after-cleanup", "SKIPPED")));
    Map<String, Map<String, Object>> steps = OutputsPipelineTest.stepsById(build);
    assertThat(OutputsPipelineTest.outputs(steps.get("notify")))
        .containsEntry("said", "train=failure evaluate=skipped");
    assertThat(OutputsPipelineTest.outputs(steps.get("cleanup"))).containsEntry("saw", "skipped");
    // failure() looks above the skipped need: notify-late ran although its only need was skipped.
    // A plain step after a cleanup step still needs everything above it to have succeeded.
    assertThat((String) steps.get("after-cleanup").get("message"))
        .isEqualTo("needs train (through cleanup), which ended FAILED");
    // The core decided: the cleanup steps ran with the records of every step above them.
    assertThat(PipelineChecks.stepCalls(build).get("notify-late").arg("script"))
        .contains("--needs-records");
  }

  @Test
  void onSuccessTheFailureStepsAreSkippedByTheCoreAndTheAlwaysStepRuns() throws Exception {
    BuildRun build = build(CLEANUP, "baton()", null);

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    assertThat(PipelineChecks.mergedStatuses(build, "baton-reports"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("prepare", "SUCCEEDED"),
                Map.entry("train", "SUCCEEDED"),
                Map.entry("evaluate", "SUCCEEDED"),
                Map.entry("notify", "SKIPPED"),
                Map.entry("notify-late", "SKIPPED"),
                Map.entry("cleanup", "SUCCEEDED"),
                Map.entry("after-cleanup", "SUCCEEDED")));
    Map<String, Map<String, Object>> steps = OutputsPipelineTest.stepsById(build);
    assertThat((String) steps.get("notify").get("message"))
        .isEqualTo("when: ${{ failure() }} is false");
    assertThat(OutputsPipelineTest.outputs(steps.get("cleanup"))).containsEntry("saw", "success");
  }

  @Test
  void anAbortCancelsTheOtherStepsRunsTheAlwaysAndCancelledStepsAndTheBuildEndsAborted()
      throws Exception {
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
          cleanup:
            needs: [after]
            when: ${{ always() }}
            run: echo "saw=${{ needs.after.result }}" >> "$BATON_OUTPUT"
          on-cancel:
            needs: [slow]
            when: ${{ cancelled() }}
            run: echo "ran=yes" >> "$BATON_OUTPUT"
          on-failure:
            needs: [slow]
            when: ${{ failure() }}
            run: echo never
        """;
    BuildRun build = build(descriptor, "baton()", "started on");

    assertThat(build.result()).as(build.log()).isEqualTo("ABORTED");
    // The reports were still published, listing every step.
    assertThat(PipelineChecks.mergedStatuses(build, "baton-reports"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("slow", "CANCELLED"),
                Map.entry("after", "CANCELLED"),
                Map.entry("cleanup", "SUCCEEDED"),
                Map.entry("on-cancel", "SUCCEEDED"),
                Map.entry("on-failure", "SKIPPED")));
    Map<String, Map<String, Object>> steps = OutputsPipelineTest.stepsById(build);
    assertThat(OutputsPipelineTest.outputs(steps.get("cleanup"))).containsEntry("saw", "cancelled");
    assertThat(PipelineChecks.stepCalls(build))
        .containsOnlyKeys("slow", "cleanup", "on-cancel", "on-failure");
    // Each cleanup step ran under its own time limit, told that the run was cancelled.
    assertThat(build.calls("timeout")).hasSize(3);
    assertThat(PipelineChecks.stepCalls(build).get("cleanup").arg("script"))
        .contains("--run-cancelled");
  }
}

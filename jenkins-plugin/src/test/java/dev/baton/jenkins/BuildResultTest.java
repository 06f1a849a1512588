package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.JunitReport;
import dev.baton.jenkins.runtime.RecordingPipelineRuntime;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance (2): a failed step fails the build and is named, its dependents are skipped and the
 * rest still runs; a failed metric gate makes the build UNSTABLE, or FAILURE when configured.
 */
class BuildResultTest {
  static final String FAILING =
      """
      version: 1
      name: failing
      steps:
        prepare:
          run: echo prepared
        train:
          needs: [prepare]
          agent: {label: "gpu && a100", gpus: 1}
          run: echo "loss is NaN" >&2; exit 4
        evaluate:
          needs: [train]
          run: echo never
        lint:
          run: echo lint ok
        flaky-probe:
          continueOnError: true
          run: exit 9
        after-probe:
          needs: [flaky-probe]
          run: echo runs anyway
      """;

  static final String GATED =
      """
      version: 1
      name: gated
      steps:
        train:
          run: sh scripts/train.sh
        quality:
          needs: [train]
          validate:
            run: cat build/metrics.json
            metrics: build/metrics.json
            gates:
              - accuracy >= 0.90
        release:
          needs: [quality]
          run: echo released
      """;

  static final String TRAIN_SH =
      "mkdir -p build\necho '{\"accuracy\": 0.5}' > build/metrics.json\n";

  @TempDir Path tmp;

  @Test
  void failedStepFailsTheBuildNamingItAndSkipsOnlyItsDependents() throws Exception {
    String cli = Testbed.cliCommand();
    RecordingPipelineRuntime runtime =
        Testbed.threeAgents(tmp.resolve("jenkins"), cli)
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", FAILING)));

    BuildRun build = runtime.run("@Library('baton') _\nbaton file: 'baton.yaml'\n");

    assertThat(build.result()).isEqualTo("FAILURE");
    assertThat(build.error()).contains("step train failed", "FAILED", "exit code 4");
    assertThat(PipelineChecks.stepCalls(build).keySet())
        .containsExactlyInAnyOrder("prepare", "train", "lint", "flaky-probe", "after-probe");
    assertThat(PipelineChecks.mergedStatuses(build, "baton-reports"))
        .containsEntry("train", "FAILED")
        .containsEntry("evaluate", "SKIPPED")
        .containsEntry("lint", "SUCCEEDED")
        .containsEntry("after-probe", "SUCCEEDED");
    assertThat(build.log()).contains("1 skipped");
    PipelineChecks.assertReportsPublished(build, "baton-reports");
    assertThat(build.junitReports().get(0).cases())
        .filteredOn(c -> c.outcome().equals("FAILED"))
        .extracting(JunitReport.TestCase::name)
        .anyMatch(name -> name.contains("train"));
  }

  @Test
  void failedGateMakesTheBuildUnstableAndHoldsBackDependents() throws Exception {
    String cli = Testbed.cliCommand();
    Path repo =
        Testbed.project(
            tmp.resolve("repo"), Map.of("baton.yaml", GATED, "scripts/train.sh", TRAIN_SH));
    Testbed.requirePlans(repo, cli);
    RecordingPipelineRuntime runtime = Testbed.threeAgents(tmp.resolve("jenkins"), cli).scm(repo);

    BuildRun build = runtime.run("@Library('baton') _\nbaton file: 'baton.yaml'\n");

    assertThat(build.result()).as(build.log()).isEqualTo("UNSTABLE");
    assertThat(build.log()).contains("step quality failed its metric gates");
    assertThat(PipelineChecks.stepCalls(build)).containsOnlyKeys("train", "quality");
    assertThat(build.junitReports().get(0).failures()).isPositive();
  }

  @Test
  void failedGateFailsTheBuildWhenConfigured() throws Exception {
    String cli = Testbed.cliCommand();
    Path repo =
        Testbed.project(
            tmp.resolve("repo"), Map.of("baton.yaml", GATED, "scripts/train.sh", TRAIN_SH));
    Testbed.requirePlans(repo, cli);
    RecordingPipelineRuntime runtime = Testbed.threeAgents(tmp.resolve("jenkins"), cli).scm(repo);

    BuildRun build =
        runtime.run("@Library('baton') _\nbaton file: 'baton.yaml', gateFailure: 'FAILURE'\n");

    assertThat(build.result()).isEqualTo("FAILURE");
    assertThat(build.error()).contains("step quality failed its metric gates");
  }
}

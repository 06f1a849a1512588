package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.RecordedCall;
import dev.baton.jenkins.runtime.RecordingPipelineRuntime;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** batonPlan, batonValidate and the arguments of baton: only, params, wrong arguments. */
class StepVariantsTest {
  @TempDir Path tmp;

  private RecordingPipelineRuntime quickstartRuntime(String cli) throws Exception {
    return Testbed.threeAgents(tmp.resolve("jenkins"), cli)
        .scm(Testbed.quickstart(tmp.resolve("repo")));
  }

  @Test
  void batonPlanReturnsThePlanAsAMapWithoutRunningAnyStep() throws Exception {
    BuildRun build =
        quickstartRuntime(Testbed.cliCommand())
            .run(
                "@Library('baton') _\n"
                    + "def plan = batonPlan file: 'baton.yaml', params: [rows: '50']\n"
                    + "def ids = []\n"
                    + "for (int i = 0; i < plan.steps.size(); i++) { ids << plan.steps[i].id }\n"
                    + "echo \"pipeline=${plan.pipeline} rows=${plan.params.rows} ids=${ids.join(' ')}\"\n"
                    + "echo \"train needs ${plan.steps[1].needs}\"\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    assertThat(build.log())
        .contains("pipeline=quickstart rows=50 ids=prepare train[lr=0.05,epochs=20]")
        .contains("train needs [prepare]");
    assertThat(PipelineChecks.stepCalls(build)).isEmpty();
    assertThat(build.calls("junit")).isEmpty();
  }

  @Test
  void onlyRunsTheNamedStepsAndWhatTheyNeedWithTheGivenParams() throws Exception {
    BuildRun build =
        quickstartRuntime(Testbed.cliCommand())
            .run(
                "@Library('baton') _\n"
                    + "node('linux') {\n"
                    + "  checkout scm\n"
                    + "  def r = baton file: 'baton.yaml', only: ['evaluate'], params: [rows: 120],"
                    + " reportDir: 'reports/eval'\n"
                    + "  echo \"returned ${r.result} for ${r.steps.size()} steps\"\n"
                    + "}\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    assertThat(PipelineChecks.stepCalls(build).keySet())
        .containsExactlyInAnyOrder(
            "prepare",
            "train[lr=0.05,epochs=20]",
            "train[lr=0.2,epochs=20]",
            "train[lr=0.5,epochs=10]",
            "fetch-baseline",
            "evaluate");
    RecordedCall plan =
        build.calls("sh").stream()
            .filter(c -> "baton plan".equals(c.arg("label")))
            .findFirst()
            .get();
    assertThat(plan.arg("script")).contains("'--only' 'evaluate'", "'-p' 'rows=120'");
    assertThat(plan.agent()).isEqualTo("linux-1");
    assertThat(PipelineChecks.mergedRun(build, "reports/eval").get("params").toString())
        .contains("rows=120");
    assertThat(build.log())
        .contains("returned SUCCESS for 6 steps")
        .contains("the HTML Publisher plugin is not installed");
  }

  @Test
  void batonValidateAsksThePlannerForValidateStepsAndFailsWhenThereIsNone() throws Exception {
    BuildRun build =
        quickstartRuntime(Testbed.cliCommand())
            .run("@Library('baton') _\nbatonValidate file: 'baton.yaml'\n");

    assertThat(build.calls("sh"))
        .filteredOn(c -> "baton plan".equals(c.arg("label")))
        .singleElement()
        .satisfies(c -> assertThat(c.arg("script")).contains("'--kind' 'validate'"));
    assertThat(build.result()).isEqualTo("FAILURE");
    assertThat(build.log()).contains("no validate step");
    assertThat(build.error()).contains("cannot plan baton.yaml");
    assertThat(PipelineChecks.stepCalls(build)).isEmpty();
  }

  @Test
  void concurrencyGroupRunsOneAtATimeAndWhenRulesOutASkippedStep() throws Exception {
    String descriptor =
        """
        version: 1
        name: deploys
        params:
          branch: dev
        steps:
          a:
            run: sleep 0.3
            concurrency: {group: prod, limit: 1}
          b:
            run: sleep 0.3
            concurrency: {group: prod, limit: 1}
          release:
            needs: [a]
            when: ${{ params.branch == 'main' }}
            run: echo released
        """;
    BuildRun build =
        Testbed.threeAgents(tmp.resolve("jenkins"), Testbed.cliCommand())
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", descriptor)))
            .run("@Library('baton') _\nbaton()\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    assertThat(build.calls("lock"))
        .hasSize(2)
        .allMatch(c -> "baton-prod".equals(c.arg("resource")));
    RecordedCall a = PipelineChecks.stepCalls(build).get("a");
    RecordedCall b = PipelineChecks.stepCalls(build).get("b");
    assertThat(a.overlaps(b)).as("one deploy at a time").isFalse();
    assertThat(PipelineChecks.stepCalls(build)).doesNotContainKey("release");
    assertThat(PipelineChecks.mergedStatuses(build, "baton-reports"))
        .containsEntry("release", "SKIPPED");
  }

  @Test
  void matrixCellRuledOutByItsWhenDoesNotSkipTheStepsThatNeedTheMatrix() throws Exception {
    String descriptor =
        """
        version: 1
        name: per-cell
        steps:
          train:
            matrix: {model: [small, large]}
            when: ${{ matrix.model == 'small' }}
            run: echo trained
          report:
            needs: train
            run: echo reported
        """;
    BuildRun build =
        Testbed.threeAgents(tmp.resolve("jenkins"), Testbed.cliCommand())
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", descriptor)))
            .run("@Library('baton') _\nbaton()\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    assertThat(PipelineChecks.stepCalls(build)).containsKeys("train[model=small]", "report");
    assertThat(PipelineChecks.mergedStatuses(build, "baton-reports"))
        .containsEntry("train[model=large]", "SKIPPED")
        .containsEntry("report", "SUCCEEDED");
  }

  @Test
  void wrongArgumentsFailTheBuildBeforeAnyAgentIsUsed() throws Exception {
    RecordingPipelineRuntime runtime =
        Testbed.threeAgents(tmp.resolve("jenkins"), "false").scm(tmp);

    BuildRun build = runtime.run("@Library('baton') _\nbaton fiel: 'baton.yaml', only: []\n");

    assertThat(build.result()).isEqualTo("FAILURE");
    assertThat(build.error())
        .contains("unknown argument 'fiel', did you mean 'file'?")
        .contains("only names no step");
    assertThat(build.calls("node")).isEmpty();
  }

  @Test
  void descriptorErrorsFailTheBuildWithTheCliMessageAndAHint() throws Exception {
    BuildRun build =
        Testbed.threeAgents(tmp.resolve("jenkins"), Testbed.cliCommand())
            .scm(
                Testbed.project(
                    tmp.resolve("repo"),
                    Map.of(
                        "baton.yaml",
                        "version: 1\nname: x\nsteps:\n  a:\n    needs: [b]\n    run: echo\n")))
            .run("@Library('baton') _\nbaton()\n");

    assertThat(build.result()).isEqualTo("FAILURE");
    assertThat(build.error()).contains("cannot plan baton.yaml");
    assertThat(build.log()).contains("baton.yaml:4:3: step 'a' needs 'b', which is not a step");
  }
}

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
 * Acceptance (1): examples/quickstart through the library on three agents (linux; gpu a100 with 2
 * GPUs; gpu h100 with 4), written exactly as the Jenkinsfile, as plain Groovy 2.4 and
 * through the CPS interpreter.
 */
class QuickstartPipelineTest {
  static final String JENKINSFILE =
      "@Library('baton') _\n"
          + "pipeline { agent none\n"
          + "  stages { stage('Model') { steps { baton file: 'baton.yaml' } } } }\n";

  @TempDir Path tmp;

  @Test
  void runsEveryStepOnMatchingAgentsInDagOrderAndPublishesReports() throws Exception {
    String cli = Testbed.cliCommand();
    Path repo = Testbed.quickstart(tmp.resolve("repo"));
    RecordingPipelineRuntime runtime =
        Testbed.threeAgents(tmp.resolve("jenkins"), cli).scm(repo).install("publishHTML");

    BuildRun build = runtime.run(JENKINSFILE);

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    Map<String, Object> plan = PipelineChecks.plan(repo, cli);
    PipelineChecks.assertEveryStepRanOnMatchingAgent(build, plan, runtime.agents());
    PipelineChecks.assertNeedsEndedFirst(build, plan);
    PipelineChecks.assertReportsPublished(build, "baton-reports");
    assertThat(PipelineChecks.mergedStatuses(build, "baton-reports"))
        .hasSize(PipelineChecks.steps(plan).size())
        .containsValue("SUCCEEDED")
        .doesNotContainValue("FAILED");
    assertThat(build.junitReports().get(0).cases())
        .extracting(JunitReport.TestCase::outcome)
        .containsOnly("PASSED");
    assertThat(build.htmlReports()).containsKey("Baton quickstart");
    assertThat(build.htmlReports().get("Baton quickstart").resolve("report.html")).exists();
    PipelineChecks.assertCpsClean(build);
  }
}

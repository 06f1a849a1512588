package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.RecordingPipelineRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quickstart pipeline through the library, on three agents, as Jenkins would run it. */
class QuickstartPipelineTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "cps={0}")
  @ValueSource(booleans = {false, true})
  void runsQuickstartOnLabelledAgentsAndPublishesReports(boolean cps) throws Exception {
    String cli = Testbed.cliCommand();
    RecordingPipelineRuntime runtime =
        Testbed.threeAgents(tmp.resolve("jenkins"), cli)
            .scm(Testbed.quickstart(tmp.resolve("repo")))
            .install("publishHTML")
            .cps(cps);

    BuildRun build =
        runtime.run(
            "@Library('baton') _\n"
                + "pipeline { agent none\n"
                + "  stages { stage('Model') { steps { baton file: 'baton.yaml' } } } }\n");

    System.out.println(build.log());
    assertThat(build.result()).as(build.error()).isEqualTo("SUCCESS");
  }
}

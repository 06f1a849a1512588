package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.RecordingPipelineRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: with {@code BATON_HISTORY_URL} in the build's environment the library adds each build's
 * merged run to that history store; a store out of reach leaves one warning and a green build.
 */
class HistoryImportPipelineTest {
  static final String PIPELINE =
      """
      version: 1
      name: tracked
      steps:
        train:
          run: |
            mkdir -p build
            echo '{"accuracy": 0.93}' > build/metrics.json
        quality:
          needs: [train]
          validate:
            metrics: build/metrics.json
            gates:
              - accuracy >= 0.90
      """;

  static final String JENKINSFILE = "@Library('baton') _\nbaton file: 'baton.yaml'\n";

  @TempDir Path tmp;

  @Test
  void eachBuildsRunIsImportedIntoTheStoreTheBuildNames() throws Exception {
    String cli = Testbed.cliCommand();
    Path store = tmp.resolve("store/history.db");
    String url = "jdbc:sqlite:" + store;
    RecordingPipelineRuntime runtime =
        Testbed.threeAgents(tmp.resolve("jenkins"), cli)
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", PIPELINE)))
            .buildVariable("BATON_HISTORY_URL", url);

    BuildRun build = runtime.run(JENKINSFILE);

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    assertThat(build.log())
        .contains("Baton: the run was added to the history store (BATON_HISTORY_URL)")
        .doesNotContain("warning");
    JsonNode runs = history(cli, url);
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("pipeline").asText()).isEqualTo("tracked");
    assertThat(runs.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
    String runId = (String) PipelineChecks.mergedRun(build, "baton-reports").get("runId");
    assertThat(runs.get(0).get("runId").asText()).isEqualTo(runId);
  }

  @Test
  void aStoreOutOfReachGivesOneWarningAndAGreenBuild() throws Exception {
    String cli = Testbed.cliCommand();
    // A directory where the SQLite file should be: the store cannot be opened.
    Path notAFile = tmp.resolve("store-is-a-directory");
    Files.createDirectories(notAFile);
    RecordingPipelineRuntime runtime =
        Testbed.threeAgents(tmp.resolve("jenkins"), cli)
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", PIPELINE)))
            .buildVariable("BATON_HISTORY_URL", "jdbc:sqlite:" + notAFile);

    BuildRun build = runtime.run(JENKINSFILE);

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    String log = build.log();
    assertThat(log.lines().filter(l -> l.contains("warning"))).hasSize(1);
    assertThat(log)
        .contains("Baton: warning: the run was not added to the history store (BATON_HISTORY_URL)")
        .contains("baton history import baton-reports")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    PipelineChecks.assertReportsPublished(build, "baton-reports");
  }

  /** {@code baton history --format json} against {@code url}, as a user would ask it. */
  private static JsonNode history(String cli, String url) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-c", cli + " history --format json")
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("BATON_HISTORY_URL", url);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return new ObjectMapper().readTree(out);
  }
}

package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.RecordedCall;
import dev.baton.jenkins.runtime.RecordingPipelineRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step outputs through the library: each step runs in its own {@code baton step} on some agent, and
 * a step that reads {@code needs.<step>.outputs} gets them from its needs' run records, stashed
 * where the needs ran and unstashed on its own agent ({@code --needs-records}).
 */
class OutputsPipelineTest {
  /** The pipeline every front end and engine runs: gen, a matrix train, pick, report, release. */
  static final Path PIPELINE =
      Testbed.LIBRARY.resolve("../src-it/maven/outputs-pipeline/baton.yaml").normalize();

  @TempDir Path tmp;

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> stepsById(BuildRun build) throws Exception {
    Map<String, Map<String, Object>> steps = new LinkedHashMap<>();
    for (Map<String, Object> s :
        (List<Map<String, Object>>) PipelineChecks.mergedRun(build, "baton-reports").get("steps")) {
      steps.put((String) s.get("id"), s);
    }
    return steps;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> outputs(Map<String, Object> step) {
    return (Map<String, Object>) step.get("outputs");
  }

  @Test
  @SuppressWarnings("unchecked")
  void stepsReadTheOutputsOfNeedsThatRanInOtherBatonsFromTheirStashedRunRecords() throws Exception {
    RecordingPipelineRuntime jenkins =
        Testbed.threeAgents(tmp.resolve("jenkins"), Testbed.cliCommand())
            .scm(
                Testbed.project(
                    tmp.resolve("repo"), Map.of("baton.yaml", Files.readString(PIPELINE))));

    BuildRun build = jenkins.run("@Library('baton') _\nbaton()\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    PipelineChecks.assertCpsClean(build);
    Map<String, Map<String, Object>> steps = stepsById(build);
    assertThat(steps.keySet())
        .containsExactlyInAnyOrder(
            "gen",
            "train[lr=0.1]",
            "train[lr=0.01]",
            "train[lr=0.001]",
            "pick",
            "report",
            "release");
    steps.forEach((id, s) -> assertThat(s.get("status")).as(id).isEqualTo("SUCCEEDED"));
    assertThat(outputs(steps.get("gen")))
        .containsEntry("lrs", "[0.1,0.01,0.001]")
        .containsEntry("notes", "first line\nsecond line");
    assertThat(outputs(steps.get("train[lr=0.01]"))).containsEntry("acc", "0.93");
    // pick read the three cells' values in cell order, from three other Batons' records.
    assertThat(outputs(steps.get("pick")))
        .containsEntry("all", "0.71 0.93 0.88")
        .containsEntry("best", "0.93");
    assertThat(outputs(steps.get("report"))).containsEntry("printed", "best accuracy 0.93");
    List<Map<String, Object>> gates =
        (List<Map<String, Object>>)
            ((Map<String, Object>) steps.get("release").get("results")).get("gates");
    assertThat(gates).hasSize(2).allSatisfy(g -> assertThat(g.get("passed")).isEqualTo(true));
    // How: the dependent's baton step names its needs' report directories, unstashed on its agent.
    Map<String, RecordedCall> calls = PipelineChecks.stepCalls(build);
    String pick = calls.get("pick").arg("script");
    assertThat(pick).contains("--needs-records");
    assertThat(pick.substring(pick.indexOf("--needs-records")).split(",")).hasSize(3);
    assertThat(calls.get("gen").arg("script")).doesNotContain("--needs-records");
    assertThat(build.calls("unstash").stream().map(c -> String.valueOf(c.args())))
        .anyMatch(n -> n.contains("-run-"));
  }
}

package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.jenkins.runtime.BuildRun;
import dev.baton.jenkins.runtime.RecordedCall;
import dev.baton.jenkins.runtime.RecordingPipelineRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic fan-out through the library: a step whose matrix axis reads a need's output is planned as
 * one pending step; once its need has ended the library asks the core for its cells ({@code baton
 * plan --expand}) and runs them as nested parallel branches on matching agents, each through {@code
 * baton step --needs-records}; its dependents wait for every cell and read their records.
 */
class DynamicFanOutPipelineTest {
  @TempDir Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void theCellsOfADynamicStepRunOnGpuAgentsAndTheirDependentReadsEveryCellsOutput()
      throws Exception {
    String descriptor =
        """
        version: 1
        name: dynamic
        steps:
          gen:
            run: echo 'lrs=[0.1,0.01,0.001]' >> "$BATON_OUTPUT"
          train:
            needs: [gen]
            matrix: {lr: "${{ fromJSON(needs.gen.outputs.lrs) }}"}
            agent: {label: gpu, gpus: 1}
            run: |
              case ${{ matrix.lr }} in 0.1) acc=0.71;; 0.01) acc=0.93;; *) acc=0.88;; esac
              echo "acc=$acc" >> "$BATON_OUTPUT"
              echo "gpu=$CUDA_VISIBLE_DEVICES" >> "$BATON_OUTPUT"
          pick:
            needs: [train]
            run: |
              all=${{ join(needs.train.outputs.acc, ' ') }}
              best=$(echo "$all" | tr ' ' '\\n' | sort -g | tail -n 1)
              echo "all=$all" >> "$BATON_OUTPUT"
              echo "best=$best" >> "$BATON_OUTPUT"
          report:
            needs: [pick]
            run: echo "printed=best accuracy ${{ needs.pick.outputs.best }}" >> "$BATON_OUTPUT"
        """;
    RecordingPipelineRuntime jenkins =
        Testbed.threeAgents(tmp.resolve("jenkins"), Testbed.cliCommand())
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", descriptor)));

    BuildRun build = jenkins.run("@Library('baton') _\nbaton()\n");

    assertThat(build.result()).as(build.log()).isEqualTo("SUCCESS");
    PipelineChecks.assertCpsClean(build);
    Map<String, Map<String, Object>> steps = OutputsPipelineTest.stepsById(build);
    // The report lists the cells in place of the pending step.
    assertThat(steps.keySet())
        .containsExactlyInAnyOrder(
            "gen", "train[lr=0.1]", "train[lr=0.01]", "train[lr=0.001]", "pick", "report");
    steps.forEach((id, s) -> assertThat(s.get("status")).as(id).isEqualTo("SUCCEEDED"));
    assertThat((Map<String, Object>) steps.get("train[lr=0.01]").get("dynamic"))
        .containsEntry("step", "train")
        .containsEntry("index", 1)
        .containsEntry("cells", 3);
    assertThat(OutputsPipelineTest.outputs(steps.get("pick")))
        .containsEntry("all", "0.71 0.93 0.88")
        .containsEntry("best", "0.93");
    assertThat(OutputsPipelineTest.outputs(steps.get("report")))
        .containsEntry("printed", "best accuracy 0.93");
    // Each cell went to a GPU agent and got one locked GPU, as a planned GPU step does.
    Map<String, RecordedCall> calls = PipelineChecks.stepCalls(build);
    for (String cell : List.of("train[lr=0.1]", "train[lr=0.01]", "train[lr=0.001]")) {
      assertThat(calls.get(cell).agent()).as(cell).isIn("a100-1", "h100-1");
      assertThat(calls.get(cell).arg("script")).contains("--needs-records", "--gpus");
      assertThat(OutputsPipelineTest.outputs(steps.get(cell)).get("gpu")).as(cell).isNotEqualTo("");
      assertThat((List<Object>) steps.get(cell).get("gpus")).as(cell).hasSize(1);
      // No cell started before gen ended; pick started after every cell ended.
      assertThat(calls.get(cell).startNanos()).isGreaterThan(calls.get("gen").endNanos());
      assertThat(calls.get("pick").startNanos()).isGreaterThan(calls.get(cell).endNanos());
    }
    assertThat(build.calls("sh").stream().map(c -> c.arg("label")))
        .contains("baton plan --expand train");
    // pick was handed the three cells' records.
    String pick = calls.get("pick").arg("script");
    assertThat(pick.substring(pick.indexOf("--needs-records")).split(",")).hasSize(3);
    // Issue 20: each step's usage and the right-sizing advice are in the build's summary.
    assertThat(build.description())
        .as(build.log())
        .contains(
            "Baton dynamic: usage", "train[lr=0.01]: ", " s CPU, peak ", "Right-sizing advice");
    assertThat(Files.readString(build.artifact("baton-reports/usage.txt")))
        .isEqualTo(build.description() + "\n");
  }

  @Test
  void aListThatIsNotJsonFailsTheStepWithTheCoresMessageAndAnEmptyListSkipsIt() throws Exception {
    String descriptor =
        """
        version: 1
        name: dynamic-trouble
        steps:
          gen:
            run: |
              echo 'bad=not json' >> "$BATON_OUTPUT"
              echo 'none=[]' >> "$BATON_OUTPUT"
          broken:
            needs: [gen]
            matrix: {x: "${{ fromJSON(needs.gen.outputs.bad) }}"}
            run: echo ${{ matrix.x }}
          after-broken:
            needs: [broken]
            run: echo never
          empty:
            needs: [gen]
            matrix: {x: "${{ fromJSON(needs.gen.outputs.none) }}"}
            run: echo ${{ matrix.x }}
          after-empty:
            needs: [empty]
            run: echo never
          unrelated:
            needs: [gen]
            run: echo unrelated
        """;
    RecordingPipelineRuntime jenkins =
        Testbed.threeAgents(tmp.resolve("jenkins"), Testbed.cliCommand())
            .scm(Testbed.project(tmp.resolve("repo"), Map.of("baton.yaml", descriptor)));

    BuildRun build = jenkins.run("@Library('baton') _\nbaton()\n");

    assertThat(build.result()).as(build.log()).isEqualTo("FAILURE");
    PipelineChecks.assertCpsClean(build);
    assertThat(PipelineChecks.mergedStatuses(build, "baton-reports"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("gen", "SUCCEEDED"),
                Map.entry("broken", "FAILED"),
                Map.entry("after-broken", "SKIPPED"),
                Map.entry("empty", "SKIPPED"),
                Map.entry("after-empty", "SKIPPED"),
                Map.entry("unrelated", "SUCCEEDED")));
    Map<String, Map<String, Object>> steps = OutputsPipelineTest.stepsById(build);
    assertThat((String) steps.get("broken").get("message")).contains("broken", "not JSON");
    assertThat(build.error()).contains("step broken failed");
    assertThat((String) steps.get("after-broken").get("message"))
        .isEqualTo("needs broken, which ended FAILED");
    assertThat((String) steps.get("after-empty").get("message"))
        .isEqualTo("needs empty, which was skipped");
    assertThat(PipelineChecks.stepCalls(build)).containsOnlyKeys("gen", "unrelated");
  }
}

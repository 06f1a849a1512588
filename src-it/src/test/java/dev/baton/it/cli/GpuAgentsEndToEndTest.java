package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPU detection and assignment through the real CLI, with a fake nvidia-smi on PATH. */
class GpuAgentsEndToEndTest {
  @TempDir Path tmp;
  private Map<String, String> env;

  @BeforeEach
  void fakeNvidiaSmi() throws Exception {
    env = Map.of("PATH", FakeNvidiaSmi.onPath(tmp));
  }

  @Test
  void agentsShowsDetectedGpusOfTwoModels() throws Exception {
    CliRun p = CliRun.run(tmp, env, "agents");
    assertThat(p.exitCode).as(p.toString()).isZero();
    assertThat(p.output)
        .contains("a100")
        .contains("h100")
        .contains("gpu")
        .containsPattern("80(\\.0)? ?GiB|79\\.\\d ?GiB");
  }

  @Test
  void eachStepSeesExactlyItsAssignedGpus() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: gpus
        steps:
          two-a100: {agent: {label: "gpu && a100", gpus: 2}, run: 'echo "$CUDA_VISIBLE_DEVICES" > two-a100.txt; sleep 0.5'}
          one-h100: {agent: {label: "gpu && h100", gpus: 1}, run: 'echo "$CUDA_VISIBLE_DEVICES" > one-h100.txt; sleep 0.5'}
          any-one: {agent: {gpus: 1}, run: 'echo "$CUDA_VISIBLE_DEVICES" > any-one.txt; sleep 0.5'}
          none: {run: 'echo "[$CUDA_VISIBLE_DEVICES]" > none.txt'}
        """);
    CliRun p = CliRun.run(tmp, env, "run", "baton.yaml", "--report-dir", "out");
    assertThat(p.exitCode).as(p.toString()).isZero();
    JsonNode run = new ObjectMapper().readTree(tmp.resolve("out/run.json").toFile());
    for (JsonNode step : run.get("steps")) {
      String id = step.get("id").asText();
      StringBuilder expected = new StringBuilder();
      for (JsonNode g : step.get("gpus")) {
        expected.append(expected.length() == 0 ? "" : ",").append(g.asInt());
      }
      String seen = Files.readString(tmp.resolve(id + ".txt")).strip();
      assertThat(seen).as(id).isEqualTo(id.equals("none") ? "[]" : expected.toString());
    }
    assertThat(Files.readString(tmp.resolve("two-a100.txt")).strip()).isEqualTo("0,1");
    assertThat(Files.readString(tmp.resolve("one-h100.txt")).strip()).isIn("2", "3");
  }

  @Test
  void stepNoAgentCanRunFailsBeforeAnythingRunsNamingTheClosestAgents() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: h100-only
        agents:
          - {name: ws1, labels: [gpu, a100], gpus: 2, simulated: true}
          - {name: ws2, labels: [gpu, a100], gpus: 4, simulated: true}
        steps:
          first: {run: 'touch ran.txt'}
          train: {agent: {label: "gpu && h100", gpus: 4}, run: 'true'}
        """);
    CliRun p = CliRun.run(tmp, env, "run", "baton.yaml", "--report-dir", "out");
    // A step no agent could ever run is a descriptor problem (docs/descriptor.md): exit 2.
    assertThat(p.exitCode).as(p.toString()).isEqualTo(2);
    assertThat(p.output)
        .contains("baton.yaml:8:3")
        .contains("no agent can run step train")
        .contains("ws1")
        .contains("ws2")
        .contains("h100");
    assertThat(tmp.resolve("ran.txt")).doesNotExist();
  }

  @Test
  void labelExcludingOneModelOfAMixedMachineRunsOnTheOtherModel() throws Exception {
    // The documented `gpu && !h100` on a machine with two A100s and two H100s: the up-front
    // check once refused it ("the label excludes h100") though placement gives it the A100s.
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: not-h100
        steps:
          not-h100: {agent: {label: "gpu && !h100", gpus: 2}, run: 'echo "$CUDA_VISIBLE_DEVICES" > not-h100.txt'}
          cpu-side: {agent: {label: "!h100"}, run: 'true'}
        """);
    CliRun p = CliRun.run(tmp, env, "run", "baton.yaml", "--report-dir", "out");
    assertThat(p.exitCode).as(p.toString()).isZero();
    assertThat(Files.readString(tmp.resolve("not-h100.txt")).strip()).isEqualTo("0,1");
  }
}

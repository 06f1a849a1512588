package dev.baton.it.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.it.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/tabular-model for real: a Tribuo model, ONNX Runtime latency, a canary to a local
 * scoring service. One green run, then one whose health check fails at 50% and rolls back.
 */
class TabularModelExampleTest {
  @TempDir Path tmp;

  @Test
  void greenRunThenCanaryRollsBackAtFifty() throws Exception {
    Path example = CliRun.REPO.resolve("examples/tabular-model");
    CliRun green =
        CliRun.run(
            example,
            "run",
            "baton.yaml",
            "--report-dir",
            tmp.resolve("green").toString(),
            "--quiet-output");
    assertThat(green.exitCode).as(green.toString()).isZero();
    JsonNode run = new ObjectMapper().readTree(tmp.resolve("green/run.json").toFile());
    JsonNode quality = step(run, "quality");
    assertThat(quality.get("results").get("gates")).isNotEmpty();
    for (JsonNode gate : quality.get("results").get("gates")) {
      assertThat(gate.get("passed").asBoolean()).as(gate.toString()).isTrue();
    }
    assertThat(step(run, "speed").get("results").get("benchmark").get("median").asDouble())
        .isPositive();
    assertThat(Files.readString(tmp.resolve("green/junit.xml")))
        .contains("gate: accuracy &gt;= 0.80");

    CliRun broken =
        CliRun.run(
            example,
            "run",
            "baton.yaml",
            "-p",
            "break_at=50",
            "--report-dir",
            tmp.resolve("broken").toString(),
            "--quiet-output");
    assertThat(broken.exitCode).as(broken.toString()).isEqualTo(1);
    JsonNode release =
        step(new ObjectMapper().readTree(tmp.resolve("broken/run.json").toFile()), "release");
    List<String> rollout = new ArrayList<>();
    for (JsonNode change : release.get("results").get("rollout")) {
      rollout.add(change.get("weight").asInt() + ":" + change.get("outcome").asText());
    }
    assertThat(rollout).containsExactly("10:ok", "50:failed", "0:rollback");
    assertThat(release.get("message").asText()).contains("rolled back");
  }

  /** A failed release leaves the scoring service up for inspection; tests must not. */
  @AfterEach
  void stopTheScoringService() throws Exception {
    Path pid = CliRun.REPO.resolve("examples/tabular-model/build/service.pid");
    if (Files.exists(pid)) {
      ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
          .ifPresent(ProcessHandle::destroy);
      Files.deleteIfExists(pid);
    }
  }

  private static JsonNode step(JsonNode run, String id) {
    for (JsonNode s : run.get("steps")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no step " + id + " in " + run);
  }
}

package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code needs.<step>.outputs.<name>} and {@code needs.<step>.result} in {@code deploy} commands
 * and in gates, through the real command line: checked before anything runs, resolved when the step
 * becomes ready.
 */
class StageNeedsEndToEndTest {
  @TempDir Path tmp;

  private static JsonNode step(Path dir, String id) throws IOException {
    JsonNode run = new ObjectMapper().readTree(dir.resolve(".baton/runs/latest/run.json").toFile());
    for (JsonNode s : run.get("steps")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no step " + id + " in " + run);
  }

  private static List<String> gateMessages(JsonNode step) {
    List<String> out = new ArrayList<>();
    step.get("results").get("gates").forEach(g -> out.add(g.get("message").asText()));
    return out;
  }

  @Test
  void deployCommandsAndGatesReadTheOutputsOfTheirNeeds() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("release"));
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: release
        steps:
          pick:
            run: |
              echo "model=it's best; rm -rf x" >> "$BATON_OUTPUT"
              echo "floor=0.9" >> "$BATON_OUTPUT"
              echo "max_error=0.05" >> "$BATON_OUTPUT"
          quality:
            needs: [pick]
            validate:
              run: echo '{"accuracy":0.93}' > metrics.json
              metrics: metrics.json
              gates:
                - accuracy >= needs.pick.outputs.floor
                - needs.pick.result == 'success'
          strict:
            needs: [pick]
            continueOnError: true
            validate:
              run: echo '{"accuracy":0.85}' > strict.json
              metrics: strict.json
              gates: [accuracy >= needs.pick.outputs.floor]
          release:
            needs: [pick, quality]
            deploy:
              strategy: canary
              weights: [50, 100]
              shift: printf '%s|%s|%s\\n' ${{ deploy.weight }} ${{ needs.pick.outputs.model }} ${{ needs.quality.result }} >> shifts.txt
              health:
                run: test ${{ needs.pick.outputs.floor }} = 0.9
                interval: 1ms
                count: 1
              analysis:
                run: echo '{"error_rate":0.01}'
                interval: 1ms
                gates: [error_rate < needs.pick.outputs.max_error]
              rollback: echo rolled back >> shifts.txt
        """);

    CliRun run = CliRun.run(dir, "run", "baton.yaml");

    assertThat(run.exitCode).as(run.toString()).isZero();
    // One shell word each, quoted like run; deploy.weight still set per stage.
    assertThat(Files.readAllLines(dir.resolve("shifts.txt")))
        .containsExactly("50|it's best; rm -rf x|success", "100|it's best; rm -rf x|success");
    assertThat(dir.resolve("x")).doesNotExist();
    JsonNode quality = step(dir, "quality");
    assertThat(quality.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(gateMessages(quality))
        .containsExactly(
            "values {accuracy=0.93, needs.pick.outputs.floor=0.9}, passes accuracy >="
                + " needs.pick.outputs.floor",
            "needs.pick.result = success, passes needs.pick.result == 'success'");
    JsonNode strict = step(dir, "strict");
    assertThat(strict.get("status").asText()).isEqualTo("FAILED");
    assertThat(gateMessages(strict).get(0)).contains("0.85").contains("fails");
    JsonNode release = step(dir, "release");
    assertThat(release.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(release.get("results").get("gates").get(0).get("message").asText())
        .contains("passes error_rate < needs.pick.outputs.max_error");
  }

  @Test
  void aGateReadingAnOutputItsNeedDidNotWriteFailsTheStepNamingIt() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("missing"));
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: missing
        steps:
          pick:
            run: echo "floor=0.9" >> "$BATON_OUTPUT"
          quality:
            needs: [pick]
            validate:
              run: echo '{"accuracy":0.93}' > metrics.json
              metrics: metrics.json
              gates: [accuracy >= needs.pick.outputs.flor]
        """);

    CliRun run = CliRun.run(dir, "run", "baton.yaml");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    JsonNode quality = step(dir, "quality");
    assertThat(quality.get("status").asText()).isEqualTo("FAILED");
    assertThat(quality.get("message").asText())
        .contains("quality")
        .contains("needs.pick.outputs.flor")
        .contains("needs.pick.outputs.floor");
  }

  @Test
  void aDeployCommandOrGateReadingAStepThatIsNotANeedIsALocatedErrorBeforeAnythingRuns()
      throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("not-a-need"));
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: bad
        steps:
          pick:
            run: echo "model=m" >> "$BATON_OUTPUT"
          quality:
            needs: [pick]
            validate:
              metrics: metrics.json
              gates:
                - accuracy >= 0.5
                - accuracy >= needs.pick.output.floor
          release:
            needs: [pick]
            deploy:
              switch: ./route.sh ${{ needs.pik.outputs.model }}
        """);

    CliRun check = CliRun.run(dir, "check", "baton.yaml");

    assertThat(check.exitCode).as(check.toString()).isEqualTo(2);
    assertThat(check.output)
        .contains("baton.yaml:12:")
        .contains("did you mean needs.pick.outputs?")
        .contains("baton.yaml:15:")
        .contains("'needs.pik.outputs.model'")
        .contains("did you mean needs.pick?");
  }
}

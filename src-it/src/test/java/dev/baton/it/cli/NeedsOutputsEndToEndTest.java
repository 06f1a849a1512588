package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps read {@code needs.<step>.outputs.<name>} and {@code needs.<step>.result} in {@code run},
 * {@code env} and {@code when}, resolved when the step becomes ready, through the real command
 * line.
 */
class NeedsOutputsEndToEndTest {
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

  @Test
  void pickReadsTheCellsOfAMatrixAndReportPrintsTheBest() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("fan-in"));
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: fan-in
        steps:
          gen:
            run: echo "prefix=model" >> "$BATON_OUTPUT"
          train:
            needs: [gen]
            matrix: {lr: ["0.1", "0.01", "0.001"]}
            run: |
              case ${{ matrix.lr }} in 0.1) acc=0.71;; 0.01) acc=0.93;; *) acc=0.88;; esac
              echo "acc=$acc" >> "$BATON_OUTPUT"
              echo "name=${{ needs.gen.outputs.prefix }}-${{ matrix.lr }}" >> "$BATON_OUTPUT"
          pick:
            needs: [train]
            run: |
              best=$(printf '%s\\n' ${{ needs.train.outputs.acc.0 }} ${{ needs.train.outputs.acc.1 }} ${{ needs.train.outputs.acc.2 }} | sort -g | tail -n 1)
              echo "best=$best" >> "$BATON_OUTPUT"
              echo "train=${{ needs.train.result }}" >> "$BATON_OUTPUT"
          report:
            needs: [pick, gen]
            env: {BEST: "${{ needs.pick.outputs.best }}"}
            when: ${{ needs.pick.result == 'success' && needs.pick.outputs.best != '' }}
            run: echo "best accuracy $BEST from ${{ needs.gen.outputs.prefix }}" | tee report.txt
          never:
            needs: [pick]
            when: ${{ needs.pick.outputs.best == '0' }}
            run: touch never.txt
        """);

    CliRun run = CliRun.run(dir, "run", "baton.yaml");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(Files.readString(dir.resolve("report.txt")))
        .isEqualTo("best accuracy 0.93 from model\n");
    assertThat(step(dir, "train[lr=0.01]").get("outputs").get("name").asText())
        .isEqualTo("model-0.01");
    JsonNode pick = step(dir, "pick");
    assertThat(pick.get("outputs").get("best").asText()).isEqualTo("0.93");
    assertThat(pick.get("outputs").get("train").asText()).isEqualTo("success");
    assertThat(pick.get("command").asText()).contains("0.71 0.93 0.88");
    assertThat(step(dir, "report").get("status").asText()).isEqualTo("SUCCEEDED");
    JsonNode never = step(dir, "never");
    assertThat(never.get("status").asText()).isEqualTo("SKIPPED");
    assertThat(never.get("message").asText()).contains("is false");
    assertThat(dir.resolve("never.txt")).doesNotExist();
  }

  @Test
  void readingAStepThatIsNotANeedIsALocatedErrorWithDidYouMean() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("not-a-need"));
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: bad
        steps:
          train:
            run: echo "acc=1" >> "$BATON_OUTPUT"
          report:
            needs: [train]
            run: echo ${{ needs.trian.outputs.acc }}
        """);

    CliRun check = CliRun.run(dir, "check", "baton.yaml");

    assertThat(check.exitCode).as(check.toString()).isEqualTo(2);
    assertThat(check.output)
        .contains("baton.yaml:8:")
        .contains("'needs.trian.outputs.acc'")
        .contains("does not need")
        .contains("did you mean needs.train");
  }

  @Test
  void aTypoBesideANeedsNameIsFoundBeforeAnythingRuns() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("typo"));
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: bad
        params: {model: small}
        steps:
          train:
            run: echo "acc=1" >> "$BATON_OUTPUT"
          report:
            needs: [train]
            run: echo ${{ needs.train.outputs.acc }} ${{ params.modle }}
        """);

    CliRun check = CliRun.run(dir, "check", "baton.yaml");

    assertThat(check.exitCode).as(check.toString()).isEqualTo(2);
    assertThat(check.output).contains("'params.modle'").contains("did you mean 'params.model'");
  }
}

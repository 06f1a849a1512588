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
 * Dynamic fan-out through the real command line: examples/dynamic-fanout (gen writes the rates,
 * train fans out over them, pick reads every cell's accuracy, report prints the best), a {@code
 * kill -9} in the middle of a fan-out and {@code --resume}, and the commands an outside engine (the
 * Jenkins library) expands and runs cells with.
 */
class DynamicFanOutEndToEndTest {
  @TempDir Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode runJson(Path dir) throws IOException {
    return JSON.readTree(dir.resolve(".baton/runs/latest/run.json").toFile());
  }

  private static JsonNode step(JsonNode run, String id) {
    for (JsonNode s : run.get("steps")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no step " + id + " in " + run);
  }

  private static List<String> ids(JsonNode run) {
    List<String> ids = new ArrayList<>();
    run.get("steps").forEach(s -> ids.add(s.get("id").asText()));
    return ids;
  }

  private Path example() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("example"));
    Files.copy(
        CliRun.REPO.resolve("examples/dynamic-fanout/baton.yaml"), dir.resolve("baton.yaml"));
    return dir;
  }

  @Test
  void theExampleFansOutOverTheRatesGenWroteAndPickFindsTheBest() throws Exception {
    Path dir = example();

    CliRun plan = CliRun.run(dir, "plan", "baton.yaml");
    CliRun run = CliRun.run(dir, "run", "baton.yaml");

    assertThat(plan.output).contains("train  <- gen  (pending expansion: matrix {lr:");
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.output).contains("[report] best learning rate 0.01 (accuracy 1.000)");
    JsonNode record = runJson(dir);
    assertThat(ids(record))
        .containsExactly(
            "gen", "train", "train[lr=0.1]", "train[lr=0.01]", "train[lr=0.001]", "pick", "report");
    assertThat(step(record, "gen").get("outputs").get("lrs").asText())
        .isEqualTo("[0.1,0.01,0.001]");
    JsonNode train = step(record, "train");
    assertThat(train.get("message").asText()).startsWith("expanded into 3 cells");
    assertThat(train.get("dynamic").get("index").asInt()).isEqualTo(-1);
    assertThat(train.get("dynamic").get("axes").get("lr").asText())
        .isEqualTo("${{ fromJSON(needs.gen.outputs.lrs) }}");
    JsonNode cell = step(record, "train[lr=0.001]");
    assertThat(cell.get("dynamic").get("index").asInt()).isEqualTo(2);
    assertThat(cell.get("matrix").get("lr").asText()).isEqualTo("0.001");
    assertThat(cell.get("outputs").get("acc").asText()).isEqualTo("0.999");
    assertThat(step(record, "pick").get("outputs").get("best").asText()).isEqualTo("0.01");
    String html = Files.readString(dir.resolve(".baton/runs/latest/report.html"));
    assertThat(html).contains("train[lr=0.001]").contains("dynamic");
  }

  @Test
  void killNineMidFanOutThenResumeKeepsTheCellsAndFinishedOutputsAndRunsOnlyTheRest()
      throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("resume"));
    Files.writeString(dir.resolve("lrs.json"), "[1,2,3]");
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: fan-resume
        steps:
          gen:
            run: echo "lrs=$(cat lrs.json)" >> "$BATON_OUTPUT"
          train:
            needs: [gen]
            matrix: {lr: "${{ fromJSON(needs.gen.outputs.lrs) }}"}
            run: |
              echo "attempt $BATON_ATTEMPT" >> ran-${{ matrix.lr }}.txt
              if [ ${{ matrix.lr }} = 3 ] && [ "$BATON_ATTEMPT" = 1 ]; then
                while [ ! -f go ]; do sleep 0.05; done
              fi
              echo "acc=0.${{ matrix.lr }}" >> "$BATON_OUTPUT"
          pick:
            needs: [train]
            run: echo "accs=${{ join(needs.train.outputs.acc, ',') }}" >> "$BATON_OUTPUT"
        """);
    Process baton =
        new ProcessBuilder(CliRun.command("run", "baton.yaml", "--parallel", "3"))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("console-1.txt").toFile())
            .start();
    Path journal = dir.resolve(".baton/runs/latest/journal.jsonl");
    ResumableChain.await(
        "cells 1 and 2 ended and cell 3 started",
        () -> {
          try {
            String j = Files.exists(journal) ? Files.readString(journal) : "";
            return j.contains("\"type\":\"step-ended\",\"step\":\"train[lr=1]\"")
                && j.contains("\"type\":\"step-ended\",\"step\":\"train[lr=2]\"")
                && j.contains("\"type\":\"attempt-started\",\"step\":\"train[lr=3]\"");
          } catch (IOException e) {
            return false;
          }
        });
    baton.destroyForcibly().waitFor(); // SIGKILL, mid fan-out
    // Were the expansion made again, it would find other cells: it must not be.
    Files.writeString(dir.resolve("lrs.json"), "[7,8]");

    CliRun resumed = CliRun.run(dir, "run", "baton.yaml", "--resume", "latest");

    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    JsonNode run = runJson(dir);
    assertThat(ids(run))
        .containsExactly("gen", "train", "train[lr=1]", "train[lr=2]", "train[lr=3]", "pick");
    assertThat(Files.readAllLines(dir.resolve("ran-1.txt"))).containsExactly("attempt 1");
    assertThat(Files.readAllLines(dir.resolve("ran-2.txt"))).containsExactly("attempt 1");
    assertThat(Files.readAllLines(dir.resolve("ran-3.txt")))
        .containsExactly("attempt 1", "attempt 2");
    assertThat(dir.resolve("ran-7.txt")).doesNotExist();
    assertThat(step(run, "train[lr=1]").get("outputs").get("acc").asText()).isEqualTo("0.1");
    assertThat(step(run, "pick").get("outputs").get("accs").asText()).isEqualTo("0.1,0.2,0.3");
  }

  @Test
  void anOutsideEngineExpandsWithPlanAndRunsEachCellAndTheFanInWithStep() throws Exception {
    Path dir = example();
    Path records = tmp.resolve("records");

    CliRun gen = CliRun.run(dir, "step", "baton.yaml", "gen", "--report-dir", records + "/gen");
    CliRun expand =
        CliRun.run(
            dir,
            "plan",
            "baton.yaml",
            "--format",
            "json",
            "--expand",
            "train",
            "--needs-records",
            records + "/gen");

    assertThat(gen.exitCode).as(gen.toString()).isZero();
    assertThat(expand.exitCode).as(expand.toString()).isZero();
    JsonNode expansion = JSON.readTree(expand.output);
    assertThat(expansion.get("expansion").get("state").asText()).isEqualTo("expanded");
    List<String> cells = new ArrayList<>();
    expansion.get("steps").forEach(s -> cells.add(s.get("id").asText()));
    assertThat(cells).containsExactly("train[lr=0.1]", "train[lr=0.01]", "train[lr=0.001]");
    List<String> cellRecords = new ArrayList<>();
    for (int i = cells.size() - 1; i >= 0; i--) {
      String out = records + "/cell-" + i;
      CliRun cell =
          CliRun.run(
              dir,
              "step",
              "baton.yaml",
              cells.get(i),
              "--report-dir",
              out,
              "--needs-records",
              records + "/gen");
      assertThat(cell.exitCode).as(cell.toString()).isZero();
      cellRecords.add(out);
    }
    CliRun pick =
        CliRun.run(
            dir,
            "step",
            "baton.yaml",
            "pick",
            "--report-dir",
            records + "/pick",
            "--needs-records",
            String.join(",", cellRecords));
    CliRun report =
        CliRun.run(
            dir,
            "step",
            "baton.yaml",
            "report",
            "--report-dir",
            records + "/report",
            "--needs-records",
            records + "/pick");

    assertThat(pick.exitCode).as(pick.toString()).isZero();
    assertThat(report.output).contains("best learning rate 0.01 (accuracy 1.000)");
    JsonNode cell0 = JSON.readTree(Path.of(records + "/cell-0/run.json").toFile());
    assertThat(cell0.get("steps").get(0).get("dynamic").get("index").asInt()).isZero();
  }
}

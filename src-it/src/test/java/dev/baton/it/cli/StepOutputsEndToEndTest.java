package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps write outputs to {@code $BATON_OUTPUT} through the real command line: they land in run.json
 * (per attempt and per step), summary.md and report.html, masked where they hold a secret, kept by
 * the step cache and across a {@code kill -9} and {@code --resume}.
 */
class StepOutputsEndToEndTest {
  @TempDir Path tmp;

  private static JsonNode runJson(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve(".baton/runs/latest/run.json").toFile());
  }

  private static JsonNode step(JsonNode run, String id) {
    for (JsonNode s : run.get("steps")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no step " + id + " in " + run);
  }

  private static Path pipeline(Path dir, String yaml) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("baton.yaml"), yaml);
    return dir;
  }

  @Test
  void outputsOfEachAttemptAreInRunJsonAndTheReports() throws Exception {
    Path dir =
        pipeline(
            tmp.resolve("gen"),
            """
            version: 1
            name: outputs
            steps:
              gen:
                run: |
                  echo "lrs=[0.1,0.01,0.001]" >> "$BATON_OUTPUT"
                  printf 'notes<<EOF\\nfirst line\\nsecond line\\nEOF\\n' >> "$BATON_OUTPUT"
                  test "$BATON_ATTEMPT" = 2 || { echo "acc=0.1" >> "$BATON_OUTPUT"; exit 3; }
                  echo "acc=0.9" >> "$BATON_OUTPUT"
                retry: {limit: 1, backoff: {duration: 10ms}}
              quiet:
                run: "true"
            """);

    CliRun run = CliRun.run(dir, "run", "baton.yaml");

    assertThat(run.exitCode).as(run.toString()).isZero();
    JsonNode gen = step(runJson(dir), "gen");
    assertThat(gen.get("attempts")).hasSize(2);
    // Each attempt has a fresh file: the first attempt's acc is not in the second's outputs.
    assertThat(gen.get("attempts").get(0).get("outputs").get("acc").asText()).isEqualTo("0.1");
    JsonNode outputs = gen.get("outputs");
    assertThat(
            new ObjectMapper().convertValue(outputs, new TypeReference<Map<String, String>>() {}))
        .containsExactly(
            Map.entry("lrs", "[0.1,0.01,0.001]"),
            Map.entry("notes", "first line\nsecond line"),
            Map.entry("acc", "0.9"));
    assertThat(step(runJson(dir), "quiet").get("outputs")).isEmpty();
    String summary = Files.readString(dir.resolve(".baton/runs/latest/summary.md"));
    assertThat(summary).contains("## Outputs", "### gen", "| acc | 0.9 |");
    String html = Files.readString(dir.resolve(".baton/runs/latest/report.html"));
    assertThat(html).contains("<dt>lrs</dt><dd><code>[0.1,0.01,0.001]</code></dd>");
  }

  @Test
  void aMalformedOutputFileFailsTheStepNamingItTheLineAndTheFix() throws Exception {
    Path dir =
        pipeline(
            tmp.resolve("bad"),
            """
            version: 1
            name: outputs
            steps:
              gen:
                run: printf 'ok=1\\nnotes<<EOF\\nno end\\n' >> "$BATON_OUTPUT"
              after:
                needs: [gen]
                run: "true"
            """);

    CliRun run = CliRun.run(dir, "run", "baton.yaml");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    JsonNode gen = step(runJson(dir), "gen");
    assertThat(gen.get("status").asText()).isEqualTo("FAILED");
    assertThat(gen.get("message").asText())
        .contains("step gen", "$BATON_OUTPUT line 2", "EOF", "end the value with a line");
    assertThat(step(runJson(dir), "after").get("status").asText()).isEqualTo("SKIPPED");
  }

  @Test
  void aStepThatReplacesItsOutputFileWithAFifoFailsInsteadOfHangingBaton() throws Exception {
    Path dir =
        pipeline(
            tmp.resolve("fifo"),
            """
            version: 1
            name: outputs
            steps:
              gen:
                run: rm -f "$BATON_OUTPUT" && mkfifo "$BATON_OUTPUT"
            """);

    CliRun run = CliRun.runWithin(120, dir, Map.of(), "run", "baton.yaml");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    assertThat(step(runJson(dir), "gen").get("message").asText()).contains("step gen", "FIFO");
  }

  @Test
  void aSecretInAnOutputIsMasked() throws Exception {
    Path dir =
        pipeline(
            tmp.resolve("secret"),
            """
            version: 1
            name: outputs
            secrets:
              TOKEN: {env: OUTPUTS_TEST_TOKEN}
            steps:
              gen:
                secrets: [TOKEN]
                run: echo "token=$TOKEN" >> "$BATON_OUTPUT"
            """);

    CliRun run =
        CliRun.run(dir, Map.of("OUTPUTS_TEST_TOKEN", "hunter2-very-secret"), "run", "baton.yaml");

    assertThat(run.exitCode).as(run.toString()).isZero();
    String record = Files.readString(dir.resolve(".baton/runs/latest/run.json"));
    assertThat(record).contains("\"token\"").doesNotContain("hunter2-very-secret");
    assertThat(Files.readString(dir.resolve(".baton/runs/latest/journal.jsonl")))
        .doesNotContain("hunter2-very-secret");
  }

  @Test
  void aCachedStepHasTheOutputsOfTheRunThatMadeItsEntry() throws Exception {
    Path dir =
        pipeline(
            tmp.resolve("cache"),
            """
            version: 1
            name: outputs
            steps:
              gen:
                run: |
                  echo "made-by=$BATON_RUN_ID" >> "$BATON_OUTPUT"
                  echo done > out.txt
                cache: true
                inputs: [baton.yaml]
                outputs: [out.txt]
            """);

    CliRun first = CliRun.run(dir, "run", "baton.yaml");
    assertThat(first.exitCode).as(first.toString()).isZero();
    JsonNode made = runJson(dir);
    String firstRun = made.get("runId").asText();
    assertThat(step(made, "gen").get("outputs").get("made-by").asText()).isEqualTo(firstRun);

    CliRun second = CliRun.run(dir, "run", "baton.yaml");

    assertThat(second.exitCode).as(second.toString()).isZero();
    JsonNode again = runJson(dir);
    assertThat(again.get("runId").asText()).isNotEqualTo(firstRun);
    JsonNode gen = step(again, "gen");
    assertThat(gen.get("status").asText()).isEqualTo("CACHED");
    assertThat(gen.get("outputs").get("made-by").asText()).isEqualTo(firstRun);
  }

  @Test
  void outputsOfStepsThatFinishedSurviveKillNineAndResume() throws Exception {
    Path dir =
        pipeline(
            tmp.resolve("resume"),
            """
            version: 1
            name: outputs
            steps:
              gen:
                run: echo "seed=42" >> "$BATON_OUTPUT"
              hold:
                needs: [gen]
                run: |
                  echo "held=yes" >> "$BATON_OUTPUT"
                  while [ ! -f go ]; do sleep 0.05; done
            """);
    Process baton =
        new ProcessBuilder(CliRun.command("run", "baton.yaml"))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("console-1.txt").toFile())
            .start();
    ResumableChain.await("hold started", () -> ResumableChain.attemptStarted(dir, "hold"));
    baton.destroyForcibly().waitFor(); // SIGKILL
    Files.writeString(dir.resolve("go"), ""); // hold ends with nobody watching

    CliRun resumed = CliRun.run(dir, "run", "baton.yaml", "--resume", "latest");

    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    JsonNode run = runJson(dir);
    assertThat(step(run, "gen").get("outputs").get("seed").asText()).isEqualTo("42");
    assertThat(step(run, "hold").get("outputs").get("held").asText()).isEqualTo("yes");
  }
}

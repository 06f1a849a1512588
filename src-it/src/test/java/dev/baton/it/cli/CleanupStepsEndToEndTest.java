package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status functions of {@code when} through the real command line (issue 16, acceptance 2 and
 * 3): a {@code failure()} step reads which need failed; an {@code always()} step runs on success,
 * on failure, on a real SIGINT and SIGTERM and when the run's timeout passes; a second SIGINT stops
 * a long cleanup step.
 */
class CleanupStepsEndToEndTest {
  @TempDir Path tmp;

  private static final String CLEANUP =
      """
        cleanup:
          needs: [slow]
          when: ${{ always() }}
          timeout: 30s
          run: echo "slow=${{ needs.slow.result }}" > cleanup.txt
        onFailure:
          needs: [slow]
          when: ${{ failure() }}
          run: touch failure-ran
        plain: {needs: [slow], run: touch plain-ran}
      """;

  private Path pipeline(String yaml) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("p"));
    Files.writeString(dir.resolve("baton.yaml"), yaml);
    return dir;
  }

  private static JsonNode runJson(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("out/run.json").toFile());
  }

  private static JsonNode step(JsonNode run, String id) {
    for (JsonNode s : run.get("steps")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no step " + id + " in " + run);
  }

  private static String status(JsonNode run, String id) {
    return step(run, id).get("status").asText();
  }

  private static Duration took(JsonNode run) {
    return Duration.between(
        Instant.parse(run.get("startedAt").asText()), Instant.parse(run.get("endedAt").asText()));
  }

  @Test
  void aFailureStepRunsAndReadsWhichNeedFailedWhileAnAlwaysStepRunsToo() throws Exception {
    Path dir =
        pipeline(
            """
            version: 1
            name: fails
            steps:
              prepare: {run: 'true'}
              train: {needs: [prepare], run: exit 3}
              evaluate: {needs: [train], run: 'true'}
              notify:
                needs: [prepare, evaluate]
                when: ${{ failure() }}
                run: |
                  echo "prepare=${{ needs.prepare.result }} evaluate=${{ needs.evaluate.result }}" > notify.txt
              cleanup: {needs: [evaluate], when: "${{ always() }}", run: touch cleaned}
              onSuccess: {needs: [evaluate], when: "${{ success() }}", run: touch success-ran}
            """);

    CliRun run = CliRun.runWithin(120, dir, Map.of(), "run", "baton.yaml", "--report-dir", "out");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    JsonNode json = runJson(dir);
    assertThat(json.get("status").asText()).isEqualTo("FAILED");
    assertThat(status(json, "train")).isEqualTo("FAILED");
    assertThat(status(json, "evaluate")).isEqualTo("SKIPPED");
    assertThat(status(json, "notify")).isEqualTo("SUCCEEDED");
    assertThat(Files.readString(dir.resolve("notify.txt")))
        .isEqualTo("prepare=success evaluate=skipped\n");
    assertThat(status(json, "cleanup")).isEqualTo("SUCCEEDED");
    assertThat(status(json, "onSuccess")).isEqualTo("SKIPPED");
    assertThat(step(json, "onSuccess").get("message").asText())
        .isEqualTo("when: ${{ success() }} is false");
    assertThat(dir.resolve("success-ran")).doesNotExist();
  }

  @Test
  void anAlwaysStepRunsOnSuccessAndAFailureStepIsSkipped() throws Exception {
    Path dir = pipeline("version: 1\nname: ok\nsteps:\n  slow: {run: 'true'}\n" + CLEANUP);

    CliRun run = CliRun.runWithin(120, dir, Map.of(), "run", "baton.yaml", "--report-dir", "out");

    assertThat(run.exitCode).as(run.toString()).isZero();
    JsonNode json = runJson(dir);
    assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(dir.resolve("cleanup.txt")).hasContent("slow=success\n");
    assertThat(status(json, "onFailure")).isEqualTo("SKIPPED");
    assertThat(step(json, "onFailure").get("message").asText())
        .isEqualTo("when: ${{ failure() }} is false");
    assertThat(status(json, "plain")).isEqualTo("SUCCEEDED");
  }

  @Test
  void anAlwaysStepRunsAfterCtrlC() throws Exception {
    JsonNode json = cancelledBy("INT");

    assertThat(status(json, "cleanup")).isEqualTo("SUCCEEDED");
    assertThat(status(json, "onFailure")).isEqualTo("SKIPPED");
    assertThat(status(json, "plain")).isEqualTo("CANCELLED");
  }

  @Test
  void anAlwaysStepRunsAfterSigterm() throws Exception {
    JsonNode json = cancelledBy("TERM");

    assertThat(status(json, "cleanup")).isEqualTo("SUCCEEDED");
    assertThat(status(json, "plain")).isEqualTo("CANCELLED");
  }

  /** Runs a step that sleeps, sends the CLI process {@code signal} once it runs, checks the end. */
  private JsonNode cancelledBy(String signal) throws Exception {
    Path dir =
        pipeline(
            "version: 1\nname: stopped\nsteps:\n  slow: {run: 'touch started; sleep 30'}\n"
                + CLEANUP);
    Process baton = start(dir);
    ResumableChain.await("the slow step runs", () -> Files.exists(dir.resolve("started")));

    signal(baton, signal);

    assertThat(baton.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String console = Files.readString(dir.resolve("console.txt"));
    assertThat(baton.exitValue()).as(console).isEqualTo(130);
    assertThat(console).contains("running cleanup steps");
    JsonNode json = runJson(dir);
    assertThat(json.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(status(json, "slow")).isEqualTo("CANCELLED");
    assertThat(dir.resolve("cleanup.txt")).hasContent("slow=cancelled\n");
    assertThat(dir.resolve("plain-ran")).doesNotExist();
    return json;
  }

  @Test
  void theRunsTimeoutStopsTheStepRunsTheCleanupStepAndEndsTimedOutWithExitCode1() throws Exception {
    Path dir =
        pipeline(
            "version: 1\nname: limited\ntimeout: 3s\nsteps:\n  slow: {run: sleep 30}\n" + CLEANUP);

    CliRun run = CliRun.runWithin(120, dir, Map.of(), "run", "baton.yaml", "--report-dir", "out");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    JsonNode json = runJson(dir);
    assertThat(json.get("status").asText()).isEqualTo("TIMED_OUT");
    assertThat(status(json, "slow")).isEqualTo("TIMED_OUT");
    assertThat(status(json, "cleanup")).isEqualTo("SUCCEEDED");
    // A step stopped by the run's timeout failed: failure() steps run too.
    assertThat(status(json, "onFailure")).isEqualTo("SUCCEEDED");
    assertThat(status(json, "plain")).isEqualTo("CANCELLED");
    assertThat(dir.resolve("cleanup.txt")).hasContent("slow=failure\n");
    // 3 s, then at most the 10 s grace between TERM and KILL (sleep ends on TERM at once).
    assertThat(took(json)).isLessThan(Duration.ofSeconds(3 + 10 + 2));
  }

  @Test
  void aSecondCtrlCStopsALongCleanupStep() throws Exception {
    Path dir =
        pipeline(
            """
            version: 1
            name: stubborn-cleanup
            steps:
              slow: {run: 'touch started; sleep 30'}
              cleanup:
                needs: [slow]
                when: ${{ always() }}
                run: touch cleanup-started; sleep 60; touch cleanup-ended
            """);
    Process baton = start(dir);
    ResumableChain.await("the slow step runs", () -> Files.exists(dir.resolve("started")));
    signal(baton, "INT");
    ResumableChain.await(
        "the cleanup step runs", () -> Files.exists(dir.resolve("cleanup-started")));

    signal(baton, "INT");

    assertThat(baton.waitFor(30, TimeUnit.SECONDS))
        .as("Baton ended after the second Ctrl-C")
        .isTrue();
    String console = Files.readString(dir.resolve("console.txt"));
    assertThat(baton.exitValue()).as(console).isEqualTo(130);
    assertThat(console).contains("cleanup steps too");
    JsonNode json = runJson(dir);
    assertThat(json.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(status(json, "cleanup")).isEqualTo("CANCELLED");
    assertThat(dir.resolve("cleanup-ended")).doesNotExist();
    assertThat(took(json)).isLessThan(Duration.ofSeconds(30));
  }

  private static Process start(Path dir) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(CliRun.command("run", "baton.yaml", "--report-dir", "out"))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("console.txt").toFile());
    pb.environment().put("CI", "true");
    return pb.start();
  }

  /** Sends {@code signal} (INT, TERM) to the Baton process, as a terminal or a supervisor would. */
  private static void signal(Process baton, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(baton.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }
}

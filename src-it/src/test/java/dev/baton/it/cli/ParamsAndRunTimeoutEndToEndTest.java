package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed parameters and the run's own timeout through the real command line. */
class ParamsAndRunTimeoutEndToEndTest {
  @TempDir Path tmp;

  private Path pipeline(String yaml) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("p"));
    Files.writeString(dir.resolve("baton.yaml"), yaml);
    return dir;
  }

  private static JsonNode runJson(Path dir) throws Exception {
    return new ObjectMapper().readTree(dir.resolve("out/run.json").toFile());
  }

  private static Duration took(JsonNode run) {
    return Duration.between(
        Instant.parse(run.get("startedAt").asText()), Instant.parse(run.get("endedAt").asText()));
  }

  @Test
  void aRunTimeoutStopsASleepingStepAndTheRunEndsTimedOutWithExitCode1() throws Exception {
    Path dir =
        pipeline(
            "version: 1\nname: limited\ntimeout: 3s\nsteps:\n"
                + "  slow: {run: sleep 30}\n  later: {needs: [slow], run: echo later}\n");

    CliRun run = CliRun.runWithin(120, dir, Map.of(), "run", "baton.yaml", "--report-dir", "out");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    assertThat(run.output).contains("the run's timeout of 3.0 s passed");
    JsonNode json = runJson(dir);
    assertThat(json.get("status").asText()).isEqualTo("TIMED_OUT");
    assertThat(json.get("steps").get(0).get("status").asText()).isEqualTo("TIMED_OUT");
    assertThat(json.get("steps").get(1).get("status").asText()).isEqualTo("CANCELLED");
    // 3 s, then at most the 10 s grace between TERM and KILL (sleep ends on TERM at once).
    assertThat(took(json)).isLessThan(Duration.ofSeconds(3 + 10 + 2));
    assertThat(Files.readString(dir.resolve("out/junit.xml"))).contains("TIMED_OUT");
  }

  @Test
  void timeoutOnTheCommandLineLimitsARunWhoseDescriptorSetsNone() throws Exception {
    Path dir = pipeline("version: 1\nname: open\nsteps:\n  slow: {run: sleep 30}\n");

    CliRun run =
        CliRun.runWithin(
            120, dir, Map.of(), "run", "baton.yaml", "--report-dir", "out", "--timeout", "2s");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    assertThat(runJson(dir).get("status").asText()).isEqualTo("TIMED_OUT");
  }

  @Test
  void aTimeoutThatIsNotADurationIsAUsageError() throws Exception {
    Path dir = pipeline("version: 1\nname: open\nsteps:\n  a: {run: 'true'}\n");

    CliRun run = CliRun.run(dir, "run", "baton.yaml", "--report-dir", "out", "--timeout", "soon");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.output).contains("--timeout 'soon' is not a duration");
  }

  @Test
  void aParamValueNotOfItsTypeIsExit2NamingParamValueAndTypeAndNothingRuns() throws Exception {
    Path dir =
        pipeline(
            "version: 1\nname: typed\nparams:\n  epochs: {type: int, default: 20, min: 1}\n"
                + "steps:\n  train: {run: 'touch ran'}\n");

    CliRun run = CliRun.run(dir, "run", "baton.yaml", "--report-dir", "out", "-p", "epochs=abc");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.output)
        .contains("parameter 'epochs' (int) cannot be 'abc'")
        .contains("a whole number of at least 1")
        .contains("--param");
    assertThat(dir.resolve("ran")).doesNotExist();
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void planAndCheckShowParamsWithTheirTypes() throws Exception {
    Path dir =
        pipeline(
            "version: 1\nname: typed\nparams:\n"
                + "  epochs: {type: int, default: 20, min: 1, description: training epochs}\n"
                + "  model: {type: choice, choices: [small, large]}\n"
                + "steps:\n  train: {run: 'echo ${{ params.epochs }}'}\n");

    CliRun check = CliRun.run(dir, "check", "baton.yaml");
    CliRun plan = CliRun.run(dir, "plan", "baton.yaml", "-p", "model=large");

    assertThat(check.exitCode).as(check.toString()).isZero();
    assertThat(check.output)
        .contains("param epochs (int, 1..) = 20: training epochs")
        .contains("param model (choice: small|large) = small");
    assertThat(plan.exitCode).as(plan.toString()).isZero();
    assertThat(plan.output).contains("param model (choice: small|large) = large");
  }
}

package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code baton} command line as users run it: a separate JVM, real steps, real files. */
class CliEndToEndTest {
  @TempDir Path tmp;

  @Test
  void quickstartSucceedsAndWritesEveryReport() throws Exception {
    Path copy = copyQuickstart();
    CliRun p = CliRun.run(copy, "run", "baton.yaml", "--report-dir", "out");
    assertThat(p.exitCode).as(p.toString()).isZero();
    assertThat(p.output)
        .contains("quickstart: SUCCEEDED")
        .contains("[fetch-baseline] attempt 1 failed (exit code 75)");
    JsonNode run = new ObjectMapper().readTree(copy.resolve("out/run.json").toFile());
    assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.get("steps")).hasSizeGreaterThanOrEqualTo(6);
    JsonNode fetch = null;
    for (JsonNode s : run.get("steps")) {
      if (s.get("id").asText().equals("fetch-baseline")) {
        fetch = s;
      }
    }
    assertThat(fetch.get("attempts")).hasSize(2);
    assertThat(copy.resolve("out/junit.xml")).exists();
    assertThat(copy.resolve("out/summary.md")).exists();
    assertThat(copy.resolve("build/model.tar.gz")).exists();
  }

  @Test
  void theJarPrintsItsVersionCommitAndCommitDate() throws Exception {
    CliRun p = CliRun.run(tmp, "--version");
    assertThat(p.exitCode).as(p.toString()).isZero();
    assertThat(p.output.strip())
        .matches(
            "baton \\d+\\.\\d+\\.\\d+\\S* \\(commit [0-9a-f]{12},"
                + " \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z\\)");
  }

  @Test
  void threeMistakesAreAllReportedWithPositionsAndNothingRuns() throws Exception {
    Path dir = tmp.resolve("bad");
    Files.createDirectories(dir);
    Files.copy(
        CliRun.REPO.resolve("src-it/fixtures/three-mistakes.baton.yaml"),
        dir.resolve("baton.yaml"));
    CliRun p = CliRun.run(dir, "run", "baton.yaml");
    assertThat(p.exitCode).as(p.toString()).isEqualTo(2);
    assertThat(p.output)
        .contains("baton.yaml:6:5: unknown key 'timout'")
        .contains("did you mean 'timeout'?")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(dir.resolve("ran-prepare")).doesNotExist();
    assertThat(dir.resolve(".baton")).doesNotExist();
    assertThat(p.output)
        .contains("baton.yaml:13:3: step 'package' needs 'pakage'")
        .contains("did you mean 'package'?")
        .contains("baton.yaml:7:3: steps form a cycle: train -> evaluate -> train")
        .contains("3 problems");
  }

  @Test
  void sigtermCancelsCleanlyWritesReportsAndExits130() throws Exception {
    Path dir = tmp.resolve("cancel");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("baton.yaml"),
        "version: 1\nname: cancel\nsteps:\n  long: {run: 'echo $$ > step.pid; sleep 300'}\n  next: {needs: [long], run: 'true'}\n");
    ProcessBuilder pb =
        new ProcessBuilder(CliRun.command("run", "baton.yaml", "--report-dir", "out"))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("console.txt").toFile());
    Process baton = pb.start();
    Path pidFile = dir.resolve("step.pid");
    for (int i = 0;
        i < 100 && (!Files.exists(pidFile) || Files.readString(pidFile).isBlank());
        i++) {
      Thread.sleep(100);
    }
    long stepPid = Long.parseLong(Files.readString(pidFile).strip());
    baton.destroy(); // SIGTERM
    assertThat(baton.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(baton.exitValue()).as(Files.readString(dir.resolve("console.txt"))).isEqualTo(130);
    JsonNode run = new ObjectMapper().readTree(dir.resolve("out/run.json").toFile());
    assertThat(run.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(run.get("steps").get(0).get("status").asText()).isEqualTo("CANCELLED");
    assertThat(ProcessHandle.of(stepPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void planPrintsJsonDotMermaidAndSvg() throws Exception {
    Path copy = copyQuickstart();
    CliRun json = CliRun.run(copy, "plan", "baton.yaml", "--format", "json");
    assertThat(json.exitCode).as(json.toString()).isZero();
    JsonNode plan = new ObjectMapper().readTree(json.output);
    assertThat(plan.get("steps").get(0).get("id").asText()).isEqualTo("prepare");
    assertThat(CliRun.run(copy, "plan", "baton.yaml", "--format", "dot").output)
        .contains("digraph");
    assertThat(CliRun.run(copy, "plan", "baton.yaml", "--format", "mermaid").output)
        .contains("flowchart LR");
    assertThat(CliRun.run(copy, "plan", "baton.yaml", "--format", "svg").output)
        .contains("<svg class=\"dag\"", ">3 cells</text>");
    assertThat(CliRun.run(copy, "plan", "baton.yaml", "--format", "yaml").exitCode).isEqualTo(2);
  }

  @Test
  void everyCommandHasHelp() throws Exception {
    for (String cmd : new String[] {"run", "plan", "check", "agents", "step", "merge", "report"}) {
      CliRun p = CliRun.run(tmp, cmd, "--help");
      assertThat(p.exitCode).as(cmd + ": " + p).isZero();
      assertThat(p.output).contains("Usage: baton " + cmd);
    }
  }

  private Path copyQuickstart() throws IOException {
    return CliRun.copyQuickstart(tmp);
  }
}

package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real baton process killed with SIGKILL in the middle of a six-step chain, then {@code baton run
 * --resume latest}: finished steps are not run again, a step that finished while Baton was down is
 * taken from its exit file, a step left running is stopped and run again.
 */
class ResumeEndToEndTest {
  @TempDir Path tmp;

  /**
   * Six steps; each appends "run-id step-id" to counter.txt. The first attempt of s4 waits for the
   * file go4 first.
   */
  private static Path chain(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder yaml = new StringBuilder("version: 1\nname: chain\nsteps:\n");
    for (int i = 1; i <= 6; i++) {
      String wait =
          i == 4
              ? "if [ $BATON_ATTEMPT = 1 ]; then while [ ! -f go4 ]; do sleep 0.05; done; fi; "
              : "";
      yaml.append("  s").append(i).append(":\n");
      yaml.append("    run: '")
          .append(wait)
          .append("echo \"$BATON_RUN_ID $BATON_STEP_ID\" >> counter.txt'\n");
      if (i > 1) {
        yaml.append("    needs: [s").append(i - 1).append("]\n");
      }
    }
    Files.writeString(dir.resolve("baton.yaml"), yaml);
    return dir;
  }

  private static Process start(Path dir) throws IOException {
    return new ProcessBuilder(CliRun.command("run", "baton.yaml"))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("console-1.txt").toFile())
        .start();
  }

  private static List<String> counter(Path dir) throws IOException {
    Path f = dir.resolve("counter.txt");
    return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  private static boolean s4Running(Path dir) {
    try {
      Path journal = dir.resolve(".baton/runs/latest/journal.jsonl");
      return Files.exists(journal)
          && Files.readString(journal).contains("\"type\":\"attempt-started\",\"step\":\"s4\"");
    } catch (IOException e) {
      return false;
    }
  }

  private static long leftProcessGroup(Path dir) throws IOException {
    for (String line : Files.readAllLines(dir.resolve(".baton/runs/latest/journal.jsonl"))) {
      JsonNode entry = new ObjectMapper().readTree(line.substring(line.indexOf(' ') + 1));
      if (entry.get("type").asText().equals("attempt-started")
          && entry.get("step").asText().equals("s4")) {
        return entry.get("processGroup").asLong();
      }
    }
    throw new AssertionError("no attempt of s4 in the journal");
  }

  private static JsonNode runJson(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve(".baton/runs/latest/run.json").toFile());
  }

  @Test
  void killedAfterStepThreeResumesWithoutRerunningStepsOneToThree() throws Exception {
    Path dir = chain(tmp.resolve("left-running"));
    Process baton = start(dir);
    await("s1..s3 ran and s4 started", () -> s4Running(dir));
    assertThat(counter(dir)).hasSize(3);
    baton.destroyForcibly().waitFor(); // SIGKILL: no chance to clean up
    String runId = counter(dir).get(0).split(" ")[0];

    long leftPid = leftProcessGroup(dir);
    assertThat(ProcessHandle.of(leftPid).map(ProcessHandle::isAlive)).contains(true);

    CliRun resumed = CliRun.run(dir, "run", "baton.yaml", "--resume", "latest");

    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    assertThat(ProcessHandle.of(leftPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(resumed.output)
        .contains("resuming run " + runId)
        .contains("3 of 6 steps done before")
        .contains("1 left running (stopped, to run again)");
    // Steps 1-3 ran once; s4's first attempt was stopped before it wrote, so every step wrote once.
    assertThat(counter(dir))
        .containsExactly(
            runId + " s1",
            runId + " s2",
            runId + " s3",
            runId + " s4",
            runId + " s5",
            runId + " s6");
    JsonNode run = runJson(dir);
    assertThat(run.get("runId").asText()).isEqualTo(runId);
    assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
    for (JsonNode step : run.get("steps")) {
      assertThat(step.get("status").asText()).as(step.toString()).isEqualTo("SUCCEEDED");
    }
    JsonNode s4 = run.get("steps").get(3);
    assertThat(s4.get("attempts")).hasSize(2);
    assertThat(s4.get("attempts").get(0).get("status").asText()).isEqualTo("LOST");
  }

  @Test
  void stepThatFinishesWhileBatonIsDownIsTakenFromItsExitFile() throws Exception {
    Path dir = chain(tmp.resolve("finished-while-down"));
    Process baton = start(dir);
    await("s4 started", () -> s4Running(dir));
    baton.destroyForcibly().waitFor();

    Files.writeString(dir.resolve("go4"), ""); // s4 finishes with nobody watching
    Path exitFile = dir.resolve(".baton/runs/latest/logs/s4.attempt-1.exit");
    await("s4 recorded its exit code", () -> Files.exists(exitFile));
    assertThat(Files.readString(exitFile)).isEqualTo("0\n");
    assertThat(counter(dir)).hasSize(4);

    CliRun resumed = CliRun.run(dir, "run", "baton.yaml", "--resume", "latest");

    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    assertThat(resumed.output).contains("1 finished while Baton was down");
    List<String> lines = counter(dir);
    assertThat(lines).hasSize(6);
    assertThat(lines.stream().map(l -> l.split(" ")[1]))
        .containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
    assertThat(lines.stream().map(l -> l.split(" ")[0]).distinct()).hasSize(1);
    JsonNode s4 = runJson(dir).get("steps").get(3);
    assertThat(s4.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(s4.get("attempts")).hasSize(1);
    assertThat(s4.get("attempts").get(0).get("message").asText())
        .contains("finished while Baton was down");
  }

  @Test
  void damagedJournalIsAClearErrorAndRunsNothing() throws Exception {
    Path dir = chain(tmp.resolve("damaged"));
    Files.writeString(dir.resolve("go4"), "");
    CliRun first = CliRun.run(dir, "run", "baton.yaml");
    assertThat(first.exitCode).as(first.toString()).isZero();
    Path journal = dir.resolve(".baton/runs/latest/journal.jsonl");
    byte[] bytes = Files.readAllBytes(journal);
    int at = bytes.length / 2;
    bytes[at] = (byte) (bytes[at] == 'x' ? 'y' : 'x'); // one flipped byte
    Files.write(journal, bytes);
    Files.delete(dir.resolve("counter.txt"));

    CliRun resumed = CliRun.run(dir, "run", "baton.yaml", "--resume", "latest");

    assertThat(resumed.exitCode).as(resumed.toString()).isEqualTo(2);
    assertThat(resumed.output)
        .contains("journal.jsonl:")
        .contains("is damaged (its checksum does not match its content)")
        .doesNotContain("Exception");
    assertThat(dir.resolve("counter.txt")).doesNotExist();
  }
}

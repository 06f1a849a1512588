package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real baton process killed with SIGKILL in the middle of a six-step chain, then {@code baton run
 * --resume latest}: finished steps are not run again, a step that finished while Baton was down is
 * taken from its exit file, a step left running is stopped and run again.
 */
class ResumeEndToEndTest {
  @TempDir Path tmp;

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
    Path dir = ResumableChain.create(tmp.resolve("left-running"));
    Process baton = ResumableChain.start(dir);
    ResumableChain.await("s1..s3 ran and s4 started", () -> ResumableChain.s4Running(dir));
    assertThat(ResumableChain.counter(dir)).hasSize(3);
    baton.destroyForcibly().waitFor(); // SIGKILL: no chance to clean up
    String runId = ResumableChain.counter(dir).get(0).split(" ")[0];

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
    assertThat(ResumableChain.counter(dir))
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
    Path dir = ResumableChain.create(tmp.resolve("finished-while-down"));
    Process baton = ResumableChain.start(dir);
    ResumableChain.await("s4 started", () -> ResumableChain.s4Running(dir));
    baton.destroyForcibly().waitFor();

    Files.writeString(dir.resolve("go4"), ""); // s4 finishes with nobody watching
    Path exitFile = dir.resolve(".baton/runs/latest/logs/s4.attempt-1.exit");
    ResumableChain.await("s4 recorded its exit code", () -> Files.exists(exitFile));
    assertThat(Files.readString(exitFile)).isEqualTo("0\n");
    assertThat(ResumableChain.counter(dir)).hasSize(4);

    CliRun resumed = CliRun.run(dir, "run", "baton.yaml", "--resume", "latest");

    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    assertThat(resumed.output).contains("1 finished while Baton was down");
    List<String> lines = ResumableChain.counter(dir);
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
    Path dir = ResumableChain.create(tmp.resolve("damaged"));
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

  @Test
  void aChangedPipelineIsRefusedAndTheJournalIsLeftAsItWas() throws Exception {
    Path dir = ResumableChain.create(tmp.resolve("changed"));
    Files.writeString(dir.resolve("go4"), "");
    CliRun first = CliRun.run(dir, "run", "baton.yaml");
    assertThat(first.exitCode).as(first.toString()).isZero();
    Path journal = dir.resolve(".baton/runs/latest/journal.jsonl");
    byte[] before = Files.readAllBytes(journal);
    Path yaml = dir.resolve("baton.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("s6:", "s6-renamed:"));

    CliRun resumed = CliRun.run(dir, "run", "baton.yaml", "--resume", "latest");

    assertThat(resumed.exitCode).as(resumed.toString()).isEqualTo(2);
    assertThat(resumed.output)
        .contains("steps, commands or params differ from the run's")
        .doesNotContain("Exception");
    assertThat(Files.readAllBytes(journal)).isEqualTo(before);
  }
}

package dev.baton.it.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.testing.SlurmTest;
import dev.baton.it.cli.CliRun;
import dev.baton.it.cli.ResumableChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Slurm each command of a benchmark step is a job of its own: a Baton killed with SIGKILL while
 * one runs journalled its job id, so {@code --resume} cancels that job and runs the step again.
 */
@SlurmTest
class SlurmStageResumeEndToEndTest {
  @TempDir Path tmp;

  @BeforeAll
  static void clusterAnswers() throws Exception {
    SlurmCluster.requireRunning();
  }

  /** The Slurm jobs the journal recorded for the commands of {@code step}, in order. */
  private static List<String> commandJobs(Path dir, String step) {
    List<String> jobs = new ArrayList<>();
    try {
      Path journal = dir.resolve(".baton/runs/latest/journal.jsonl");
      if (!Files.exists(journal)) {
        return jobs;
      }
      for (String line : Files.readAllLines(journal)) {
        JsonNode entry = new ObjectMapper().readTree(line.substring(line.indexOf(' ') + 1));
        if (entry.get("type").asText().equals("attempt-process")
            && entry.get("step").asText().equals(step)
            && !entry.get("jobId").asText().isEmpty()) {
          jobs.add(entry.get("jobId").asText());
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of(); // being written
    }
    return jobs;
  }

  /** Whether Slurm still has {@code job} pending, running or completing. */
  private static boolean active(String job) {
    try {
      Process p =
          new ProcessBuilder(
                  "squeue",
                  "--noheader",
                  "--jobs=" + job,
                  "--states=PENDING,RUNNING,COMPLETING,CONFIGURING,SUSPENDED",
                  "--format=%i")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      // A job Slurm has purged is an error for --jobs: it is not active either.
      return p.waitFor() == 0 && out.lines().anyMatch(l -> l.strip().equals(job));
    } catch (IOException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  @Test
  void resumeCancelsTheBenchmarkCommandsJobAKilledBatonLeftAndRunsTheStepAgain() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("slurm-stage"));
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: slurmstage
        steps:
          speed:
            benchmark:
              run: 'echo ran >> runs.txt; if [ ! -f resumed ]; then sleep 300; fi'
              warmup: 1
              repeat: 1
        """);
    Process baton = ResumableChain.start(dir, "--executor", "slurm");
    try {
      ResumableChain.await(
          "the benchmark's command runs as a job",
          () -> !commandJobs(dir, "speed").isEmpty() && Files.exists(dir.resolve("runs.txt")));
    } finally {
      baton.destroyForcibly().waitFor(); // SIGKILL: the job stays with Slurm
    }
    String job = commandJobs(dir, "speed").get(0);
    assertThat(active(job)).as("job " + job + " runs on after Baton").isTrue();
    Files.writeString(dir.resolve("resumed"), "");

    CliRun resumed =
        CliRun.run(dir, "run", "baton.yaml", "--executor", "slurm", "--resume", "latest");

    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    assertThat(resumed.output).contains("1 left running (stopped, to run again)");
    ResumableChain.await("Slurm ended job " + job, () -> !active(job));
    // The held warm-up, then warm-up and measured run again.
    assertThat(Files.readAllLines(dir.resolve("runs.txt"))).hasSize(3);
    JsonNode speed =
        new ObjectMapper()
            .readTree(dir.resolve(".baton/runs/latest/run.json").toFile())
            .get("steps")
            .get(0);
    assertThat(speed.get("status").asText()).as(speed.toString()).isEqualTo("SUCCEEDED");
    assertThat(speed.get("attempts").get(0).get("status").asText()).isEqualTo("LOST");
    for (String j : commandJobs(dir, "speed")) {
      assertThat(active(j)).as("job " + j + " of the run left in Slurm").isFalse();
    }
  }
}

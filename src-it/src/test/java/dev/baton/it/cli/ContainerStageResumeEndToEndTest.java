package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.testing.ContainerTest;
import dev.baton.core.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark step in a container runs each command in a container of its own ({@code <name>-2} for
 * the second): a Baton killed with SIGKILL while the second runs leaves it running, and {@code
 * --resume} stops it and runs the step again, leaving no container of the run.
 */
@ContainerTest
class ContainerStageResumeEndToEndTest {
  private static final String IMAGE = "localhost/baton-it-stage:latest";
  @TempDir static Path images;
  @TempDir Path tmp;

  @BeforeAll
  static void buildImage() throws IOException {
    TestImages.require();
    TestImages.build(IMAGE, "stage", images);
  }

  @Test
  void resumeStopsTheContainerOfTheBenchmarksSecondCommandAndRunsTheStepAgain() throws Exception {
    // The first command ever runs through; the second holds until the test resumes the run.
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: stagebox
        steps:
          speed:
            container: {image: %s, pull: never}
            benchmark:
              run: >-
                if [ -f runs.txt ] && [ ! -f resumed ]; then echo held >> runs.txt; sleep 300; fi;
                echo ran >> runs.txt
              warmup: 1
              repeat: 1
        """
            .formatted(IMAGE));
    ProcessBuilder pb =
        new ProcessBuilder(CliRun.command("run", "baton.yaml"))
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("console.txt").toFile());
    pb.environment().putAll(TestImages.environment());
    Process baton = pb.start();
    Path runs = tmp.resolve("runs.txt");
    try {
      ResumableChain.await(
          "the second command holds",
          () -> {
            try {
              return Files.exists(runs) && Files.readAllLines(runs).contains("held");
            } catch (IOException e) {
              return false;
            }
          });
    } finally {
      baton.destroyForcibly().waitFor(); // SIGKILL
    }
    String runId = tmp.resolve(".baton/runs/latest").toRealPath().getFileName().toString();
    assertThat(TestImages.containers(runId)).as("the held command's container").isNotEmpty();
    Files.writeString(tmp.resolve("resumed"), "");

    CliRun resumed =
        CliRun.run(tmp, TestImages.environment(), "run", "baton.yaml", "--resume", "latest");

    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    assertThat(resumed.output).contains("1 left running (stopped, to run again)");
    assertThat(TestImages.containers(runId)).as("containers of the run left").isEmpty();
    assertThat(Files.readAllLines(runs)).isEqualTo(List.of("ran", "held", "ran", "ran"));
    JsonNode speed =
        new ObjectMapper()
            .readTree(tmp.resolve(".baton/runs/latest/run.json").toFile())
            .get("steps")
            .get(0);
    assertThat(speed.get("status").asText()).as(speed.toString()).isEqualTo("SUCCEEDED");
    assertThat(speed.get("attempts").get(0).get("status").asText()).isEqualTo("LOST");
  }
}

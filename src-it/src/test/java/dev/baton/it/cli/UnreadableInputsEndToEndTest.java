package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files no descriptor or secret can be — endless devices, a FIFO no one writes to — given to the
 * real {@code baton}: each ends at once with exit 2 and a message naming the file, never an
 * OutOfMemoryError, a stack trace or a hang.
 */
class UnreadableInputsEndToEndTest {
  /** Far longer than a refusal takes, far shorter than the hang or heap fill it replaces. */
  private static final long SECONDS = 60;

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({
    "run, /dev/zero, a character device",
    "check, /dev/urandom, a character device",
    "run, fifo.yaml, a FIFO (named pipe)",
    "check, fifo.yaml, a FIFO (named pipe)",
    "plan, ., a directory"
  })
  void aDescriptorThatIsNotARegularFileIsRefused(String command, String file, String kind)
      throws Exception {
    Files.createDirectories(tmp);
    mkfifo(tmp.resolve("fifo.yaml"));

    CliRun p = CliRun.runWithin(SECONDS, tmp, Map.of(), command, file);

    assertThat(p.exitCode).as(p.toString()).isEqualTo(2);
    assertThat(p.output)
        .as(p.toString())
        .contains(file + ": the descriptor is " + kind + ", not a regular file")
        .doesNotContain("Exception")
        .doesNotContain("Error:")
        .doesNotContain("\tat ");
  }

  @Test
  void aSecretFileThatIsADeviceIsRefusedBeforeAnythingRuns() throws Exception {
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: secret-device
        secrets:
          TOKEN: {file: /dev/zero}
        steps:
          use:
            run: touch ran
            secrets: [TOKEN]
        """);

    CliRun p = CliRun.runWithin(SECONDS, tmp, Map.of(), "run");

    assertThat(p.exitCode).as(p.toString()).isEqualTo(2);
    assertThat(p.output)
        .contains("secret TOKEN (baton.yaml:4:3)")
        .contains("/dev/zero (is a character device, not a regular file")
        .doesNotContain("OutOfMemoryError")
        .doesNotContain("\tat ");
    assertThat(tmp.resolve("ran")).doesNotExist();
  }

  private static void mkfifo(Path path) throws Exception {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(p.waitFor()).as("mkfifo %s", path).isZero();
  }
}

package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton run --dry-run}: the plan on stdout, exit 0, and nothing run or written. */
class DryRunCliTest {
  @TempDir Path dir;

  @Test
  void printsThePlanAndRunsNothing() throws IOException {
    Path file = dir.resolve("baton.yaml");
    Files.writeString(
        file,
        "version: 1\nname: dry\nsteps:\n"
            + "  prepare: {run: touch prepared}\n"
            + "  train: {needs: [prepare], run: touch trained}\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        BatonCli.execute(
            new String[] {"run", "--dry-run", file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed + err).isEqualTo(ExitCodes.SUCCESS);
    assertThat(printed).contains("prepare", "train", "touch trained");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("baton.yaml");
    }
  }
}

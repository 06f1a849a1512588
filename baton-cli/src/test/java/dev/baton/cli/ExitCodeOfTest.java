package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.errors.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each way a command ends becomes its exit code (docs/cli.md). */
class ExitCodeOfTest {
  @TempDir Path dir;

  @Test
  void aRunEndsWithZeroWhenEveryStepSucceededAndOneWhenAStepFailed() throws IOException {
    assertThat(run("ok: {run: 'true'}")).isEqualTo(ExitCodes.SUCCESS);
    assertThat(run("bad: {run: 'exit 4'}")).isEqualTo(ExitCodes.STEP_FAILED);
  }

  @Test
  void aBadDescriptorOrUsageEndsWithTwo() throws IOException {
    assertThat(run("bad: {run: 'true', timout: 1m}")).isEqualTo(ExitCodes.USAGE);
    assertThat(execute("run", dir.resolve("missing.yaml").toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(ExitCodeOf.error(new UsageException("x"))).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void anInfrastructureFailureEndsWithThree() {
    assertThat(ExitCodeOf.error(new InfrastructureException("disk full")))
        .isEqualTo(ExitCodes.INFRASTRUCTURE);
  }

  private int run(String step) throws IOException {
    Path file = dir.resolve("baton.yaml");
    Files.writeString(file, "version: 1\nname: codes\nsteps:\n  " + step + "\n");
    return execute("run", file.toString(), "--report-dir", dir.resolve("r").toString());
  }

  private static int execute(String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return BatonCli.execute(args, sink, sink);
  }
}

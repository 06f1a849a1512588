package dev.baton.core.exec.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.ExitFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell around a spawned step records its exit code only when Baton is gone. */
class ExitRecordingShellTest {
  // Above any pid_max Linux allows (2^22): certainly not a running process.
  private static final long GONE = 5_000_000;
  @TempDir Path dir;

  @Test
  void writesTheExitCodeWhenBatonIsGoneAndKeepsTheShellsStatus() throws Exception {
    // A report directory any user may choose: a quote, a space, a dollar.
    Path log = Files.createDirectory(dir.resolve("it's $HOME")).resolve("step.log");
    int status = run(ExitRecordingShell.script("echo hi; exit 5", ExitFiles.of(log, 1), GONE));
    assertThat(status).isEqualTo(5);
    assertThat(ExitFiles.read(log, 1)).isEqualTo(OptionalInt.of(5));
  }

  @Test
  void writesNothingWhileBatonRuns() throws Exception {
    Path log = dir.resolve("step.log");
    int status =
        run(ExitRecordingShell.script("false", ExitFiles.of(log, 1), ExitRecordingShell.BATON));
    assertThat(status).isEqualTo(1);
    assertThat(ExitFiles.of(log, 1)).doesNotExist();
  }

  @Test
  void programsGetTheirArgumentsLiterally() throws Exception {
    Path log = dir.resolve("p.log");
    List<String> argv =
        ExitRecordingShell.program(
            List.of("/bin/sh", "-c", "[ \"$1\" = 'a b;$(id)' ] && exit 4", "x", "a b;$(id)"),
            ExitFiles.of(log, 2),
            GONE);
    assertThat(run(argv)).isEqualTo(4);
    assertThat(ExitFiles.read(log, 2)).isEqualTo(OptionalInt.of(4));
  }

  private int run(List<String> argv) throws Exception {
    return new ProcessBuilder(argv)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .start()
        .waitFor();
  }
}

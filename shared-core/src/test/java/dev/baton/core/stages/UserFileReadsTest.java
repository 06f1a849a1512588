package dev.baton.core.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.testing.SpecialFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a step wrote for a stage to judge are read bounded: a FIFO or a device is refused. */
class UserFileReadsTest {
  @TempDir Path dir;

  @Test
  void aMetricsFileThatIsAFifoIsRefusedNotWaitedFor() throws Exception {
    Path fifo = SpecialFiles.fifo(dir.resolve("metrics.json"));
    StageException e =
        catchThrowableOfType(() -> ValidateStage.read(fifo, ""), StageException.class);
    assertThat(e.getMessage())
        .isEqualTo("metrics file " + fifo + " is a FIFO (named pipe), not a regular file");
    assertThat(e.hint()).isEqualTo("give the metrics file as a regular file");
  }

  @Test
  void aLatenciesFileThatIsAnEndlessDeviceIsRefused() {
    StageException e =
        catchThrowableOfType(
            () -> BenchmarkStage.readFile(Path.of("/dev/zero")), StageException.class);
    assertThat(e.getMessage()).contains("/dev/zero is a character device, not a regular file");
  }
}

package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWriteCheckTest {
  @TempDir Path dir;

  @Test
  void aWritableLogDirectoryHasNoProblemAndKeepsNoProbe() throws Exception {
    Path log = Files.createDirectories(dir.resolve("logs")).resolve("train.log");
    assertThat(LogWriteCheck.problem(log)).isEmpty();
    try (var left = Files.list(dir.resolve("logs"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aLogWhereNothingCanBeWrittenIsNamedWithTheReason() {
    // procfs takes no new files, whoever asks: the same refusal a full disk gives, another reason.
    Path log = Path.of("/proc/self/baton-train.log");
    assertThat(LogWriteCheck.problem(log))
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith("Baton cannot write the step's log " + log + " (")
                    .contains("free space on that file system"));
  }
}

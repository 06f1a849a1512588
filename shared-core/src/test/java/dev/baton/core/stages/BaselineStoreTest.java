package dev.baton.core.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.InfrastructureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineStoreTest {
  @TempDir Path dir;

  @Test
  void savesAtomicallyAndReadsBack() throws Exception {
    BaselineStore store = new BaselineStore(dir);
    Path file = store.save(baseline("run-1", 0.91));
    store.save(baseline("run-2", 0.93));

    assertThat(store.find("p", "main", "cpu")).get().extracting(Baseline::runId).isEqualTo("run-2");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("cpu.json");
    }
  }

  @Test
  void aFailedSaveNamesThePathAndLeavesNoTemporaryFile() throws Exception {
    BaselineStore store = new BaselineStore(dir);
    Path file = store.file("p", "main", "cpu");
    // A directory where the file should go: the temporary file is written, the rename fails.
    Files.createDirectories(file.resolve("in-the-way"));

    assertThatThrownBy(() -> store.save(baseline("run-2", 0.5)))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageStartingWith("cannot write " + file.toAbsolutePath() + ": ");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("cpu.json");
    }
    assertThat(file.resolve("in-the-way")).isDirectory();
  }

  private static Baseline baseline(String runId, double accuracy) {
    return new Baseline(
        "p",
        "main",
        "cpu",
        runId,
        "2026-11-24T10:00:00Z",
        Map.of("eval", new Baseline.StepFigures(Map.of("accuracy", accuracy), List.of(1.0))));
  }
}

package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.errors.Setting;
import dev.baton.core.io.AtomicFiles;
import dev.baton.core.io.IoFailures;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesExistingContentAndLeavesOnlyTheTarget() throws Exception {
    Path target = dir.resolve("run.json");
    Files.writeString(target, "old content that is longer than the new one");

    AtomicFiles.write(target, "new");

    assertThat(target).hasContent("new");
    assertThat(listing()).containsExactly("run.json");
  }

  @Test
  void writesBytesUnchanged() throws Exception {
    byte[] bytes = {0, 1, 2, (byte) 0xff};
    Path target = dir.resolve("data.bin");

    AtomicFiles.write(target, bytes);

    assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
  }

  @Test
  void failureOnRenameNamesThePathAndLeavesNoTemporaryFile() throws Exception {
    // A directory with content where the file should go: the temp file is written, the rename
    // fails.
    Path target = dir.resolve("junit.xml");
    Files.createDirectories(target.resolve("in-the-way"));

    assertThatThrownBy(() -> AtomicFiles.write(target, "<testsuite/>"))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageStartingWith("cannot write " + target.toAbsolutePath() + ": ")
        .satisfies(
            e ->
                assertThat(((InfrastructureException) e).fix().settings())
                    .containsExactly(Setting.REPORT_DIR));
    assertThat(listing()).containsExactly("junit.xml");
    assertThat(target.resolve("in-the-way")).isDirectory();
  }

  @Test
  void failureWhenTheDirectoryIsMissingNamesThePath() throws Exception {
    Path target = dir.resolve("missing/run.json");

    assertThatThrownBy(() -> AtomicFiles.write(target, "{}"))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageContaining(target.toAbsolutePath().toString())
        .hasMessageContaining("no such file or directory")
        .hasMessageContaining("choose another report directory");
    assertThat(listing()).isEmpty();
  }

  @Test
  void diskFullReasonAsksToFreeSpace() {
    FileSystemException full =
        new FileSystemException("/x/.run.json.1.tmp", null, "No space left on device");

    assertThat(IoFailures.reason(full)).isEqualTo("No space left on device");
    assertThat(IoFailures.writeFix(full).settings()).containsExactly(Setting.REPORT_DIR);
    assertThat(IoFailures.writeFix(full).toString())
        .isEqualTo("free space or choose another report directory");
  }

  private List<String> listing() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendOnlyFileTest {
  @TempDir Path dir;

  @Test
  void createsTheFileAndAppendsWholeLines() throws Exception {
    Path journal = dir.resolve("journal.jsonl");

    AppendOnlyFile.appendLine(journal, "{\"step\":\"a\"}");
    AppendOnlyFile.appendLine(journal, "{\"step\":\"b\"}");
    AppendOnlyFile.append(journal, "tail without newline");

    assertThat(journal).hasContent("{\"step\":\"a\"}\n{\"step\":\"b\"}\ntail without newline");
  }

  @Test
  void aMissingDirectoryIsAnErrorNamingThePath() {
    Path journal = dir.resolve("gone/journal.jsonl");

    assertThatThrownBy(() -> AppendOnlyFile.appendLine(journal, "x"))
        .isInstanceOf(InfrastructureException.class)
        .hasMessageStartingWith("cannot append to " + journal + ": no such file or directory")
        .hasMessageContaining("directory exists and is writable");
  }

  @Test
  void anAppendThatRunsOutOfRoomIsCutBackSoNoHalfLineRemains() throws Exception {
    Path journal = dir.resolve("journal.jsonl");
    String existing = "first line\n".repeat(90); // 990 bytes, just under the 1 KiB limit below
    Files.writeString(journal, existing);

    List<String> command =
        new ArrayList<>(List.of("bash", "-c", "ulimit -f 1; exec \"$@\"", "bash"));
    command.addAll(JavaProcess.java(AppendLine.class, journal.toString(), "x".repeat(200)));
    JavaProcess.Result result = JavaProcess.run(dir, command);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.output())
        .startsWith("cannot append to " + journal + ": File too large; free space on that disk");
    assertThat(journal).hasContent(existing);
  }

  /** Appends its second argument as a line to its first, in a process with a file size limit. */
  public static final class AppendLine {
    public static void main(String[] args) {
      try {
        AppendOnlyFile.appendLine(Path.of(args[0]), args[1]);
      } catch (InfrastructureException e) {
        System.out.println(e.getMessage());
        System.exit(3);
      }
    }
  }
}

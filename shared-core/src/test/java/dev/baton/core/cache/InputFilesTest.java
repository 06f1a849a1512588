package dev.baton.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  @TempDir Path ws;

  private List<InputFiles.Digest> digests(String... inputs) throws Exception {
    return InputFiles.digests(new CachePaths(ws), List.of(inputs));
  }

  private void write(String rel, String content) throws Exception {
    Files.createDirectories(ws.resolve(rel).getParent());
    Files.writeString(ws.resolve(rel), content);
  }

  @Test
  void expandsFilesDirectoriesAndGlobsSortedWithoutBatonsOwnFiles() throws Exception {
    write("data/b.csv", "b");
    write("data/a.csv", "a");
    write("data/notes.txt", "n");
    write("scripts/run.sh", "echo");
    write("src/x/y.py", "y");
    write(".baton/cache/k/manifest.json", "{}");
    List<InputFiles.Digest> d = digests("src/", "data/*.csv", "scripts/run.sh", "data/a.csv");
    assertThat(d)
        .extracting(InputFiles.Digest::path)
        .containsExactly("data/a.csv", "data/b.csv", "scripts/run.sh", "src/x/y.py");
    assertThat(d.get(0).sha256()).isEqualTo(Sha256.of("a".getBytes()));
  }

  @Test
  void contentChangesTheDigestAndTouchingDoesNot() throws Exception {
    write("data/a.csv", "a");
    List<InputFiles.Digest> before = digests("data/");
    Files.setLastModifiedTime(ws.resolve("data/a.csv"), FileTime.fromMillis(0));
    assertThat(digests("data/")).isEqualTo(before);
    write("data/a.csv", "A");
    assertThat(digests("data/")).isNotEqualTo(before);
  }

  @Test
  void aPatternMatchingNothingNamesThePattern() throws Exception {
    write("data/a.csv", "a");
    assertThatThrownBy(() -> digests("data/*.parquet"))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("'data/*.parquet' matches no file");
    assertThatThrownBy(() -> digests("missing.txt"))
        .hasMessageContaining("'missing.txt' does not exist");
  }
}

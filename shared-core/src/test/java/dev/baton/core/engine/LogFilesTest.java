package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.ExitFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogFilesTest {
  // What GitHub's upload-artifact refuses in a path, and what Windows refuses in a file name.
  private static final String UPLOADER_UNSAFE = ":*?\"<>|\\/\r\n";

  @Test
  void matrixCellsThatDifferOnlyInSeparatorsGetTheirOwnLogAndExitFiles() {
    List<String> ids =
        List.of("train[v=a/b]", "train[v=a_b]", "train[v=a\\b]", "train[v=a:b]", "train[v=a%2Fb]");
    assertThat(ids.stream().map(LogFiles::relativePath).distinct()).hasSize(ids.size());
    assertThat(
            ids.stream()
                .map(id -> ExitFiles.of(Path.of("r").resolve(LogFiles.relativePath(id)), 1))
                .distinct())
        .hasSize(ids.size());
  }

  @Test
  void plainIdsKeepTheirReadableNames() {
    assertThat(LogFiles.relativePath("train[lr=0.01,model=small]"))
        .isEqualTo("logs/train[lr=0.01,model=small].log");
    assertThat(LogFiles.relativePath("deploy-prod_2")).isEqualTo("logs/deploy-prod_2.log");
  }

  @Test
  void namesAreDistinctForDistinctIdsAndSafeForArtifactUploaders() {
    // Ids drawn from an alphabet rich in characters that must be escaped, with a fixed seed.
    String alphabet = "ab_/\\:%2F*?\"<>| .~é\u0001";
    SplittableRandom random = new SplittableRandom(14);
    Map<String, String> byName = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder id = new StringBuilder();
      int length = 1 + random.nextInt(6);
      for (int j = 0; j < length; j++) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String name = LogFiles.fileName(id.toString());
      String before = byName.putIfAbsent(name, id.toString());
      assertThat(before == null || before.equals(id.toString()))
          .as("%s and %s share the name %s", before, id, name)
          .isTrue();
      assertThat(name).doesNotContainAnyWhitespaces().doesNotStartWith(".");
      for (char c : UPLOADER_UNSAFE.toCharArray()) {
        assertThat(name).doesNotContain(String.valueOf(c));
      }
    }
  }

  @Test
  void longIdsGetNamesAFileSystemTakesStillDistinct() {
    String a = "train[" + "v=".repeat(300) + "a]";
    String b = "train[" + "v=".repeat(300) + "b]";
    String na = LogFiles.fileName(a);
    assertThat(na.getBytes(StandardCharsets.UTF_8).length + ".attempt-999.exit.tmp".length())
        .isLessThanOrEqualTo(255);
    assertThat(na).isNotEqualTo(LogFiles.fileName(b));
    assertThat(LogFiles.fileName("/".repeat(100))).isNotEqualTo(LogFiles.fileName("/".repeat(101)));
  }
}

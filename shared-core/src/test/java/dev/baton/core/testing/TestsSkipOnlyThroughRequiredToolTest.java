package dev.baton.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A test that skips itself with a bare JUnit assumption goes green in CI without having run, and
 * says so only in a report file nobody reads. Every module's tests therefore skip through their
 * module's {@code RequiredTool}, which fails under CI and prints every skip to the build log.
 */
class TestsSkipOnlyThroughRequiredToolTest {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  /** Ways to skip or disable a test other than RequiredTool. */
  private static final Pattern SKIP =
      Pattern.compile(
          "Assumptions\\b|\\bassume(True|False|That|NotNull)\\b|\\bassumingThat\\b"
              + "|@Disabled\\b|@(Enabled|Disabled)(If|On|For)\\w*");

  @Test
  void noTestSkipsExceptThroughItsModulesRequiredTool() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String module :
        List.of("shared-core", "baton-cli", "jenkins-plugin", "maven-plugin", "src-it")) {
      Path tests = REPO.resolve(module).resolve("src/test");
      assertThat(tests).as("the test sources of " + module).isDirectory();
      try (Stream<Path> files = Files.walk(tests)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = file.getFileName().toString();
          if (!(name.endsWith(".java") || name.endsWith(".groovy"))
              || name.equals("RequiredTool.java")
              || name.equals(getClass().getSimpleName() + ".java")) {
            continue;
          }
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            if (SKIP.matcher(lines.get(i)).find()) {
              offenders.add(REPO.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
          }
        }
      }
    }
    assertThat(offenders)
        .as(
            "skip through RequiredTool.require (fails under CI) or RequiredTool.cannotRunHere"
                + " (prints why), not a bare JUnit assumption")
        .isEmpty();
  }
}

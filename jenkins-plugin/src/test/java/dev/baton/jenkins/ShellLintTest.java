package dev.baton.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.RequiredTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The library's shell resources pass shellcheck (Debian's package), as bash scripts. */
class ShellLintTest {
  @Test
  void shellResourcesHaveNoShellcheckFindings() throws Exception {
    RequiredTool.require(
        new ProcessBuilder("sh", "-c", "command -v shellcheck").start().waitFor() == 0,
        "shellcheck is not installed: apt-get install shellcheck");
    List<String> command = new ArrayList<>(List.of("shellcheck", "--shell=bash", "--format=gcc"));
    try (Stream<Path> files = Files.walk(Testbed.LIBRARY.resolve("resources"))) {
      files
          .filter(f -> f.toString().endsWith(".sh"))
          .sorted()
          .forEach(f -> command.add(f.toString()));
    }
    assertThat(command).hasSizeGreaterThan(4);

    Process shellcheck = new ProcessBuilder(command).redirectErrorStream(true).start();
    String findings =
        new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(shellcheck.waitFor()).as(findings).isZero();
  }
}

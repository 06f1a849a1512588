package dev.baton.it.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.RequiredTool;
import dev.baton.it.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The distribution's launcher and the release script pass shellcheck (Debian's package) as the
 * POSIX sh scripts they are: the launcher runs on whatever /bin/sh a user has.
 */
class ReleaseScriptsLintTest {
  @Test
  void theLauncherAndTheReleaseScriptHaveNoShellcheckFindings() throws Exception {
    RequiredTool.require(
        new ProcessBuilder("sh", "-c", "command -v shellcheck").start().waitFor() == 0,
        "shellcheck is not installed: apt-get install shellcheck");
    List<String> command =
        List.of(
            "shellcheck",
            "--shell=sh",
            "--format=gcc",
            CliRun.REPO.resolve("distribution/src/bin/baton").toString(),
            CliRun.REPO.resolve("release/cut.sh").toString());

    Process shellcheck = new ProcessBuilder(command).redirectErrorStream(true).start();
    String findings =
        new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(shellcheck.waitFor()).as(findings).isZero();
  }
}

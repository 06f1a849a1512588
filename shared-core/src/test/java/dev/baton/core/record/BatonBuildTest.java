package dev.baton.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.RequiredTool;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatonBuildTest {

  @Test
  void theBuildFillsInTheVersionTheCommitAndTheCommitDate() {
    BatonBuild build = BatonBuild.current();

    assertThat(build.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    // This checkout is a git working tree: the build found its commit.
    assertThat(build.commit()).matches("[0-9a-f]{12}");
    assertThat(Instant.parse(build.commitDate())).isBefore(Instant.now().plusSeconds(60));
  }

  @Test
  void theCommitIsTheOneThisCheckoutIsAt() throws Exception {
    // In a git worktree too (a tool that reads the main checkout's .git reported main's commit).
    Process git =
        new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD")
            .redirectErrorStream(true)
            .start();
    String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    RequiredTool.require(git.waitFor() == 0, "git is not installed or this is no git checkout");

    assertThat(BatonBuild.current().commit()).isEqualTo(head);
  }

  @Test
  void describesItselfWithVersionCommitAndDate() {
    assertThat(new BatonBuild("0.1.0", "3f2a9c1b7d4e", "2026-11-24T09:00:00Z").describe())
        .isEqualTo("0.1.0 (commit 3f2a9c1b7d4e, 2026-11-24T09:00:00Z)");
  }
}

package dev.baton.core.record;

import static org.assertj.core.api.Assertions.assertThat;

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
  void describesItselfWithVersionCommitAndDate() {
    assertThat(new BatonBuild("0.1.0", "3f2a9c1b7d4e", "2026-11-24T09:00:00Z").describe())
        .isEqualTo("0.1.0 (commit 3f2a9c1b7d4e, 2026-11-24T09:00:00Z)");
  }
}

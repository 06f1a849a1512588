package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.GroupMembers;
import dev.baton.core.testing.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Baton killed with SIGKILL leaves its steps running (for a resume); a fresh run of the same
 * workspace says so, naming the run and the process groups, and the command it gives stops them.
 */
class LeftRunningEndToEndTest {
  @TempDir Path tmp;

  @Test
  void aFreshRunBesideAKilledRunsStepsNamesThemAndHowToStopThem() throws Exception {
    RequiredTool.require(GroupMembers.readable(), "/proc, to read the steps' process groups");
    Path dir = Files.createDirectories(tmp.resolve("left"));
    // The first run's step holds; the second run's (once "second" exists) does not.
    Files.writeString(
        dir.resolve("baton.yaml"),
        "version: 1\nname: left\nsteps:\n"
            + "  hold: {run: 'if [ ! -f second ]; then sleep 300; fi'}\n");
    Process killed = ResumableChain.start(dir);
    Path journal = dir.resolve(".baton/runs/latest/journal.jsonl");
    ResumableChain.await(
        "the step runs", () -> !ProcessGroupScan.recordedGroupsQuietly(journal, "hold").isEmpty());
    long group = ProcessGroupScan.recordedGroups(journal, "hold").get(0);
    String killedRun = dir.resolve(".baton/runs/latest").toRealPath().getFileName().toString();
    killed.destroyForcibly().waitFor();
    Files.writeString(dir.resolve("second"), "");
    try {
      assertThat(GroupMembers.of(group)).isNotEmpty();

      CliRun fresh = CliRun.run(dir, "run", "baton.yaml");

      assertThat(fresh.exitCode).as(fresh.toString()).isZero();
      assertThat(fresh.output)
          .contains("run " + killedRun + " was killed and left a step running")
          .contains("hold (process group " + group + ")")
          .contains("baton run --resume " + killedRun)
          .contains("kill -TERM -- -" + group);
      // The command it gives stops them.
      new ProcessBuilder("kill", "-TERM", "--", "-" + group).start().waitFor();
      ResumableChain.await("the left step stopped", () -> gone(group));
    } finally {
      new ProcessBuilder("kill", "-KILL", "--", "-" + group).start().waitFor();
    }
  }

  private static boolean gone(long group) {
    try {
      return GroupMembers.of(group).isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}

package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.testing.GroupMembers;
import dev.baton.core.testing.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step whose processes ignore TERM while its own shell does not: once Baton has stopped it (a
 * timeout, or Baton cancelled), nothing of its process group may be left — the KILL after the grace
 * period goes to the group whether or not its leader still lives.
 */
class StoppedStepsEndToEndTest {
  // The step's shell ends on TERM; the inner shell and both sleeps ignore it.
  private static final String STUBBORN = "sh -c 'trap \"\" TERM; sleep 300 & sleep 301'";

  @TempDir Path tmp;

  @BeforeEach
  void needsProc() {
    RequiredTool.require(GroupMembers.readable(), "/proc, to read the steps' process groups");
  }

  @Test
  void aTimedOutStepLeavesNothingOfItsProcessGroup() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("timeout"));
    Files.writeString(
        dir.resolve("baton.yaml"),
        "version: 1\nname: stubborn\nsteps:\n  hold:\n    timeout: 3s\n    run: "
            + yamlQuoted(STUBBORN)
            + "\n");

    CliRun run = CliRun.run(dir, "run", "baton.yaml", "--report-dir", "out");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/run.json").toFile());
    assertThat(json.get("steps").get(0).get("status").asText()).isEqualTo("TIMED_OUT");
    List<Long> groups = ProcessGroupScan.recordedGroups(dir.resolve("out/journal.jsonl"), "hold");
    assertThat(groups).hasSize(1);
    assertThat(GroupMembers.of(groups.get(0)))
        .as("processes of the timed-out step's group after Baton exited")
        .isEmpty();
  }

  @Test
  void aCancelledRunLeavesNothingOfItsStepsProcessGroups() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cancel"));
    Files.writeString(
        dir.resolve("baton.yaml"),
        "version: 1\nname: stubborn\nsteps:\n  hold:\n    run: " + yamlQuoted(STUBBORN) + "\n");
    Process baton =
        new ProcessBuilder(CliRun.command("run", "baton.yaml", "--report-dir", "out"))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("console.txt").toFile())
            .start();
    Path journal = dir.resolve("out/journal.jsonl");
    ResumableChain.await(
        "both sleeps of the step run",
        () -> {
          try {
            List<Long> g = ProcessGroupScan.recordedGroups(journal, "hold");
            return !g.isEmpty()
                && GroupMembers.of(g.get(0)).stream().filter(p -> p.endsWith(" sleep")).count()
                    == 2;
          } catch (IOException e) {
            return false;
          }
        });
    long group = ProcessGroupScan.recordedGroups(journal, "hold").get(0);

    baton.destroy(); // SIGTERM, as Ctrl-C would
    assertThat(baton.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(baton.exitValue()).as(Files.readString(dir.resolve("console.txt"))).isEqualTo(130);
    assertThat(GroupMembers.of(group))
        .as("processes of the cancelled step's group after Baton exited")
        .isEmpty();
  }

  private static String yamlQuoted(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}

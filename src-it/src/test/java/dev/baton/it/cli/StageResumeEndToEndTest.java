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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real baton killed with SIGKILL while a benchmark step's command runs (in a process group of its
 * own, not the attempt's): the journal names that group, so {@code --resume} stops it and runs the
 * step again, and a fresh run beside it names it. Nothing of the killed run is left.
 */
class StageResumeEndToEndTest {
  @TempDir Path tmp;

  /** A benchmark whose first command ever holds until {@code resumed} exists; each logs its pid. */
  private static Path benchmark(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: stage-resume
        steps:
          speed:
            benchmark:
              run: 'echo $$ >> pids.txt; if [ ! -f resumed ]; then sleep 300; fi'
              warmup: 1
              repeat: 2
        """);
    return dir;
  }

  /** Starts baton, waits until the benchmark's command runs, kills baton; the command's group. */
  private static long killedWhileTheCommandRuns(Path dir) throws Exception {
    Process baton = ResumableChain.start(dir);
    Path journal = dir.resolve(".baton/runs/latest/journal.jsonl");
    try {
      ResumableChain.await(
          "the benchmark's command is journalled",
          () -> !ProcessGroupScan.laterGroupsQuietly(journal, "speed").isEmpty());
    } finally {
      baton.destroyForcibly().waitFor(); // SIGKILL: no chance to clean up
    }
    return ProcessGroupScan.laterGroupsQuietly(journal, "speed").get(0);
  }

  @Test
  void resumeStopsTheBenchmarkCommandAKilledBatonLeftAndRunsTheStepAgain() throws Exception {
    RequiredTool.require(GroupMembers.readable(), "/proc, to read the steps' process groups");
    Path dir = benchmark(tmp.resolve("resume"));
    long group = killedWhileTheCommandRuns(dir);
    try {
      assertThat(GroupMembers.of(group)).as("the command runs on after Baton").isNotEmpty();
      long pid = Long.parseLong(Files.readAllLines(dir.resolve("pids.txt")).get(0).trim());
      Files.writeString(dir.resolve("resumed"), "");

      CliRun resumed = CliRun.run(dir, "run", "baton.yaml", "--resume", "latest");

      assertThat(resumed.exitCode).as(resumed.toString()).isZero();
      assertThat(resumed.output).contains("1 left running (stopped, to run again)");
      assertThat(Path.of("/proc", Long.toString(pid))).doesNotExist();
      assertThat(GroupMembers.of(group)).as("left of the stopped command").isEmpty();
      // Warm-up and two measured runs again, after the stopped one.
      assertThat(Files.readAllLines(dir.resolve("pids.txt"))).hasSize(4);
      JsonNode run =
          new ObjectMapper().readTree(dir.resolve(".baton/runs/latest/run.json").toFile());
      JsonNode speed = run.get("steps").get(0);
      assertThat(speed.get("status").asText()).as(speed.toString()).isEqualTo("SUCCEEDED");
      assertThat(speed.get("attempts")).hasSize(2);
      assertThat(speed.get("attempts").get(0).get("status").asText()).isEqualTo("LOST");
      Path journal = dir.resolve(".baton/runs/latest/journal.jsonl");
      List<Long> groups = ProcessGroupScan.laterGroupsQuietly(journal, "speed");
      assertThat(groups).hasSize(4);
      for (long g : groups) {
        assertThat(GroupMembers.of(g)).as("left of group " + g).isEmpty();
      }
    } finally {
      new ProcessBuilder("kill", "-KILL", "--", "-" + group).start().waitFor();
    }
  }

  @Test
  void aFreshRunBesideAKilledRunsBenchmarkNamesTheCommandsProcessGroup() throws Exception {
    RequiredTool.require(GroupMembers.readable(), "/proc, to read the steps' process groups");
    Path dir = benchmark(tmp.resolve("fresh"));
    long group = killedWhileTheCommandRuns(dir);
    String killedRun = dir.resolve(".baton/runs/latest").toRealPath().getFileName().toString();
    Files.writeString(dir.resolve("resumed"), ""); // the fresh run's own commands do not hold
    try {
      CliRun fresh = CliRun.run(dir, "run", "baton.yaml");

      assertThat(fresh.exitCode).as(fresh.toString()).isZero();
      assertThat(fresh.output)
          .contains("run " + killedRun + " was killed and left a step running")
          .contains("speed (process group " + group + ")")
          .contains("kill -TERM -- -" + group);
    } finally {
      new ProcessBuilder("kill", "-KILL", "--", "-" + group).start().waitFor();
    }
  }

  @Test
  void theLeaseOfABenchmarkNamesTheProcessGroupOfEachCommandAsItRuns() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("lease"));
    Path leases = Files.createDirectories(tmp.resolve("leases"));
    Path slot = leases.resolve("group-bench-slot0");
    // Each command waits (up to 10 s) until the slot's lease file names its own process group.
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: stage-lease
        steps:
          speed:
            concurrency: {group: bench, limit: 1}
            benchmark:
              run: >-
                g=$(cut -d' ' -f5 /proc/$$/stat); i=0;
                while [ $i -lt 200 ] && ! cut -f4 %s | grep -qx "$g"; do sleep 0.05; i=$((i+1)); done;
                if cut -f4 %s | grep -qx "$g"; then echo "$g named" >> seen.txt;
                else echo "$g not named" >> seen.txt; fi
              warmup: 1
              repeat: 2
        """
            .formatted(slot, slot));

    CliRun run = CliRun.run(dir, Map.of("BATON_LEASE_DIR", leases.toString()), "run", "baton.yaml");

    assertThat(run.exitCode).as(run.toString()).isZero();
    List<String> seen = Files.readAllLines(dir.resolve("seen.txt"));
    assertThat(seen).hasSize(3).allMatch(l -> l.matches("[0-9]+ named"));
    assertThat(seen.stream().map(l -> l.split(" ")[0]).distinct()).hasSize(3);
  }
}

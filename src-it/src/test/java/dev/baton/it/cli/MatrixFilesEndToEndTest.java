package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.testing.GroupMembers;
import dev.baton.core.testing.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matrix cells whose values differ only in characters a file name cannot hold as they are ({@code
 * a/b}, {@code a_b}): each keeps its own log and exit file, so after {@code kill -9} and {@code
 * --resume} a cell that exited 3 is not taken as succeeded from the other cell's exit file.
 */
class MatrixFilesEndToEndTest {
  private static final String A_SLASH = "train[v=a/b]";
  private static final String A_UNDERSCORE = "train[v=a_b]";

  @TempDir Path tmp;

  @Test
  void cellsThatEndWhileBatonIsDownAreTakenFromTheirOwnExitFiles() throws Exception {
    RequiredTool.require(GroupMembers.readable(), "/proc, to read the steps' process groups");
    Path dir = Files.createDirectories(tmp.resolve("cells"));
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: cells
        steps:
          train:
            matrix: {v: ["a/b", "a_b"]}
            run: >-
              case "${{ matrix.v }}" in a/b) go=go1; rc=3;; *) go=go2; rc=0;; esac;
              echo "cell ${{ matrix.v }}";
              while [ ! -f $go ]; do sleep 0.05; done; exit $rc
        """);
    Process baton = ResumableChain.start(dir, "--parallel", "2");
    Path journal = dir.resolve(".baton/runs/latest/journal.jsonl");
    ResumableChain.await("both cells run", () -> groups(journal).size() == 2);
    Map<String, Long> groups = groups(journal);
    baton.destroyForcibly().waitFor(); // SIGKILL: the cells run on, and record their own ends

    // a/b ends first, a_b after it: where they shared one exit file, a_b's 0 overwrote a/b's 3.
    Files.writeString(dir.resolve("go1"), "");
    ResumableChain.await("cell a/b ended", () -> ended(groups.get(A_SLASH)));
    Files.writeString(dir.resolve("go2"), "");
    ResumableChain.await("cell a_b ended", () -> ended(groups.get(A_UNDERSCORE)));

    CliRun resumed = CliRun.run(dir, "run", "baton.yaml", "--resume", "latest");

    assertThat(resumed.exitCode).as(resumed.toString()).isEqualTo(1);
    JsonNode run = new ObjectMapper().readTree(dir.resolve(".baton/runs/latest/run.json").toFile());
    Map<String, JsonNode> steps = new HashMap<>();
    run.get("steps").forEach(s -> steps.put(s.get("id").asText(), s));
    assertThat(steps.get(A_SLASH).get("status").asText()).isEqualTo("FAILED");
    assertThat(steps.get(A_SLASH).get("attempts").get(0).get("exitCode").asInt()).isEqualTo(3);
    assertThat(steps.get(A_UNDERSCORE).get("status").asText()).isEqualTo("SUCCEEDED");
    Path reportDir = dir.resolve(".baton/runs/latest");
    String logA = steps.get(A_SLASH).get("log").asText();
    String logB = steps.get(A_UNDERSCORE).get("log").asText();
    assertThat(logA).isNotEqualTo(logB);
    assertThat(Files.readString(reportDir.resolve(logA)))
        .contains("cell a/b")
        .doesNotContain("a_b");
    assertThat(Files.readString(reportDir.resolve(logB)))
        .contains("cell a_b")
        .doesNotContain("a/b");
  }

  private static Map<String, Long> groups(Path journal) {
    Map<String, Long> groups = new HashMap<>();
    try {
      for (String cell : List.of(A_SLASH, A_UNDERSCORE)) {
        List<Long> g = ProcessGroupScan.recordedGroups(journal, cell);
        if (!g.isEmpty()) {
          groups.put(cell, g.get(0));
        }
      }
    } catch (IOException e) {
      // being written: not yet
    }
    return groups;
  }

  private static boolean ended(long group) {
    try {
      return GroupMembers.of(group).isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}

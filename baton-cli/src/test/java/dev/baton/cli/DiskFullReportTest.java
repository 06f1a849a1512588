package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.JavaProcess;
import dev.baton.core.testing.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code baton run} whose reports cannot be written: a clear error naming the file, exit 3,
 * and the previous run's complete reports left exactly as they were, with no temporary file beside
 * them. Two ways to run out of room: a file size limit ({@code ulimit -f}, works anywhere) and a
 * genuinely full disk (a tiny tmpfs in a private mount namespace, where the kernel allows one).
 */
class DiskFullReportTest {
  /** Enough steps that run.json alone is larger than the file size limit below. */
  private static final int STEPS = 12;

  private static final int LIMIT_KIB = 2;

  @TempDir Path workspace;

  @BeforeEach
  void writePipeline() throws IOException {
    StringBuilder yaml = new StringBuilder("version: 1\nname: reports\nsteps:\n");
    for (int i = 0; i < STEPS; i++) {
      yaml.append("  step-").append(i).append(": {run: 'true'}\n");
    }
    Files.writeString(workspace.resolve("baton.yaml"), yaml.toString());
  }

  /**
   * The journal is the state of the run that failed, not a report of the earlier one: it is
   * replaced when a run starts (whole lines only, see RunJournalTest), so it is left out here.
   */
  private static Map<String, String> withoutJournal(Map<String, String> files) {
    Map<String, String> rest = new TreeMap<>(files);
    rest.remove("journal.jsonl");
    return rest;
  }

  @Test
  void aFileSizeLimitFailsTheReportCleanlyAndKeepsThePreviousOne() throws Exception {
    JavaProcess.Result first =
        BatonProcess.run(workspace, BatonProcess.command("run", "baton.yaml", "--report-dir", "r"));
    assertThat(first.exitCode()).as(first.toString()).isZero();
    Path runJson = workspace.resolve("r/run.json");
    assertThat(Files.size(runJson)).isGreaterThan(LIMIT_KIB * 1024L);
    Map<String, String> before = contents(workspace.resolve("r"));

    JavaProcess.Result second =
        BatonProcess.runBehind(
            "ulimit -f " + LIMIT_KIB, workspace, "run", "baton.yaml", "--report-dir", "r");

    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(second.output())
        .contains("baton: error: cannot write " + runJson.toRealPath() + ": File too large")
        .contains("ulimit -f")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(withoutJournal(contents(workspace.resolve("r")))).isEqualTo(withoutJournal(before));
  }

  @Test
  void aFullDiskFailsTheReportCleanlyAndKeepsThePreviousOne() throws Exception {
    Path mount = workspace.resolve("disk");
    Files.createDirectories(mount);
    Path snapshot = workspace.resolve("snapshot");
    Files.createDirectories(snapshot);
    // Everything happens inside one private mount namespace: the tmpfs vanishes with it, so the
    // script copies what the test checks out to the workspace before it ends.
    String script =
        String.join(
            "\n",
            "set -u",
            "mount -t tmpfs -o size=1m baton-test '" + mount + "' || exit 97",
            "\"$@\" run baton.yaml --report-dir '" + mount + "/r' > first.txt 2>&1",
            "echo $? > first.rc",
            "cp -a '" + mount + "/r/.' '" + snapshot + "/before'",
            "dd if=/dev/zero of='" + mount + "/filler' bs=4k > /dev/null 2>&1",
            "\"$@\" run baton.yaml --report-dir '" + mount + "/r' > second.txt 2>&1",
            "echo $? > second.rc",
            "cp -a '" + mount + "/r/.' '" + snapshot + "/after'");
    var command = new ArrayList<>(List.of("unshare", "-rm", "bash", "-c"));
    command.add(script);
    command.add("bash");
    command.addAll(BatonProcess.command());
    JavaProcess.Result shell = BatonProcess.run(workspace, command);
    // A container without CAP_SYS_ADMIN (a usual CI runner, root or not) forbids the namespace;
    // the file size limit test above still runs there, and the log says this one did not.
    boolean noNamespace = shell.exitCode() == 97 || shell.output().startsWith("unshare:");
    RequiredTool.cannotRunHere(
        !noNamespace,
        "cannot mount a tmpfs in a private user and mount namespace here (unshare -rm): "
            + shell.output().strip());

    String firstOutput = Files.readString(workspace.resolve("first.txt"));
    assertThat(Files.readString(workspace.resolve("first.rc")).strip())
        .as(firstOutput)
        .isEqualTo("0");
    String secondOutput = Files.readString(workspace.resolve("second.txt"));
    assertThat(Files.readString(workspace.resolve("second.rc")).strip())
        .as(secondOutput)
        .isEqualTo(String.valueOf(ExitCodes.INFRASTRUCTURE));
    assertThat(secondOutput)
        .contains("baton: error: cannot write " + mount + "/r/")
        .contains("No space left on device; free space or choose another --report-dir")
        .doesNotContain("Exception");
    Map<String, String> before = contents(snapshot.resolve("before"));
    assertThat(before).containsKeys("run.json", "junit.xml", "summary.md", "report.html");
    assertThat(withoutJournal(contents(snapshot.resolve("after"))))
        .isEqualTo(withoutJournal(before));
  }

  /** Every file under {@code dir} (temporary ones included): its size and SHA-256. */
  private static Map<String, String> contents(Path dir) throws Exception {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          byte[] bytes = Files.readAllBytes(f);
          String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
          all.put(dir.relativize(f).toString(), bytes.length + " bytes, sha256 " + sha);
        }
      }
    }
    return all;
  }
}

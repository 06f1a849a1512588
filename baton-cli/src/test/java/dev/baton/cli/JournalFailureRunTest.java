package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run whose journal cannot be written any more mid-run (a file size limit) is cancelled, and
 * ends: the cancel's TERM meets a step just launched or just ended, which the job shell lost about
 * one run in four (its subshell died before its trap, reporting nothing), so the engine waited for
 * ever. Several runs, as the race is timing's; LocalLaunchersTest has the deterministic form. No
 * {@code spawn} here: under the limit JNA cannot unpack its native library, so it falls back to the
 * job shell.
 */
class JournalFailureRunTest {
  private static final int STEPS = 12;
  @TempDir Path workspace;

  @ParameterizedTest
  @ValueSource(strings = {"job-shell", "setsid"})
  @Timeout(600)
  void aRunWhoseJournalFailsMidRunIsCancelledAndEnds(String launcher) throws Exception {
    StringBuilder yaml = new StringBuilder("version: 1\nname: reports\nsteps:\n");
    for (int i = 0; i < STEPS; i++) {
      yaml.append("  step-").append(i).append(": {run: 'true'}\n");
    }
    Files.writeString(workspace.resolve("baton.yaml"), yaml.toString());
    int rounds = launcher.equals("job-shell") ? 4 : 1;
    for (int round = 0; round < rounds; round++) {
      List<String> command =
          new ArrayList<>(List.of("bash", "-c", "ulimit -f 2\nexec \"$@\"", "bash"));
      List<String> baton =
          new ArrayList<>(
              BatonProcess.command("run", "baton.yaml", "--report-dir", "r", "--parallel", "1"));
      baton.add(1, "-Dbaton.launcher=" + launcher);
      command.addAll(baton);
      // BatonProcess.run fails the test after two minutes: a run that hangs does not pass.
      JavaProcess.Result result = BatonProcess.run(workspace, command);
      assertThat(result.exitCode())
          .as("round %d with %s: %s", round, launcher, result)
          .isEqualTo(ExitCodes.INFRASTRUCTURE);
      assertThat(result.output().toLowerCase(Locale.ROOT))
          .as("round %d", round)
          .contains("cancelled")
          .contains("file too large");
    }
  }
}
